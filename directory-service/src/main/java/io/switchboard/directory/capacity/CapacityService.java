package io.switchboard.directory.capacity;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.directory.index.CapacityBoard;
import io.switchboard.directory.model.Capacity;
import io.switchboard.directory.store.Jdbc;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Service managers setting capacity: the change is committed to PostgreSQL (current state and audit trail), applied
 * to this instance's searches at once, and published on {@value #TOPIC} so every other instance applies it too
 * (they also pick it up from the database within the reload interval should the topic be unavailable). A manual
 * amber or red with a reset time counts as green from that time on in every search; the reset job then records
 * the reset and publishes it.
 */
@ApplicationScoped
public class CapacityService {

    public static final String TOPIC = "directory-service.capacity-changes";
    public static final String EVENT_TYPE = "io.switchboard.directory-service.capacity-changes.changed";
    public static final String AUTOMATIC_RESET = "automatic-reset";
    public static final Duration MIN_RESET = Duration.ofMinutes(15);
    public static final Duration MAX_RESET = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(CapacityService.class);

    private final Jdbc jdbc;
    private final CapacityBoard board;
    private final MutinyEmitter<byte[]> out;
    private final MeterRegistry metrics;

    CapacityService(AgroalDataSource dataSource, CapacityBoard board, @Channel("capacity-out") MutinyEmitter<byte[]> out,
            MeterRegistry metrics) {
        this.jdbc = Jdbc.of(dataSource);
        this.board = board;
        this.out = out;
        this.metrics = metrics;
    }

    /**
     * @param resetAfter null: the setting stays until changed; else 15 min .. 24 h, amber or red only
     * @param by         who, for the audit trail ({@code user:<name>})
     */
    public CapacityChangedEvent set(String serviceId, Capacity status, Duration resetAfter, String reason, String by) {
        if (resetAfter != null && status == Capacity.GREEN) {
            throw ProblemException.badRequest("A reset time applies to amber or red only");
        }
        if (resetAfter != null && (resetAfter.compareTo(MIN_RESET) < 0 || resetAfter.compareTo(MAX_RESET) > 0)) {
            throw ProblemException.badRequest("The reset time must be between 15 minutes and 24 hours");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant resetAt = resetAfter == null ? null : now.plus(resetAfter);
        CapacityChangedEvent event = QuarkusTransaction.requiringNew().call(() -> jdbc.with(c -> {
            String previous;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, c.status FROM service s "
                    + "LEFT JOIN capacity c ON c.service_id = s.id WHERE s.id = ? FOR UPDATE OF s")) {
                ps.setString(1, serviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("No service " + serviceId + " in the directory");
                    }
                    previous = rs.getString(2) == null ? Capacity.GREEN.wireName() : rs.getString(2);
                }
            }
            CapacityChangedEvent e = new CapacityChangedEvent(UUID.randomUUID().toString(), serviceId,
                    status.wireName(), previous, by, now, resetAt, reason);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO capacity (service_id, status, set_by, set_at, "
                    + "reset_at, reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (service_id) DO UPDATE SET "
                    + "status = EXCLUDED.status, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at, "
                    + "reset_at = EXCLUDED.reset_at, reason = EXCLUDED.reason")) {
                ps.setString(1, serviceId);
                ps.setString(2, e.status());
                ps.setString(3, by);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, resetAt == null ? null : Timestamp.from(resetAt));
                ps.setString(6, reason);
                ps.executeUpdate();
            }
            record(c, e);
            return e;
        }));
        applyAndPublish(event);
        return event;
    }

    /** Resets every manual amber or red whose time has come (one instance does each: SKIP LOCKED). */
    @Scheduled(every = "${switchboard.directory.capacity.reset-check-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void resetExpired() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<CapacityChangedEvent> resets = QuarkusTransaction.requiringNew().call(() -> jdbc.with(c -> {
            List<CapacityChangedEvent> done = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("WITH due AS (SELECT service_id, status, reset_at "
                    + "FROM capacity WHERE reset_at <= ? FOR UPDATE SKIP LOCKED) "
                    + "UPDATE capacity c SET status = 'green', set_by = ?, set_at = ?, reset_at = NULL, "
                    + "reason = 'reset time reached' FROM due WHERE c.service_id = due.service_id "
                    + "RETURNING c.service_id, due.status")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, AUTOMATIC_RESET);
                ps.setTimestamp(3, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        done.add(new CapacityChangedEvent(UUID.randomUUID().toString(), rs.getString(1),
                                Capacity.GREEN.wireName(), rs.getString(2), AUTOMATIC_RESET, now, null,
                                "reset time reached"));
                    }
                }
            }
            for (CapacityChangedEvent e : done) {
                record(c, e);
            }
            return done;
        }));
        resets.forEach(this::applyAndPublish);
        if (!resets.isEmpty()) {
            LOG.infof("Capacity reset to green for %d service(s)", resets.size());
        }
    }

    /** A change from another instance, read from the capacity topic. */
    public void applyRemote(CapacityChangedEvent event) {
        board.apply(event.serviceId(), event.state());
    }

    public List<CapacityChangedEvent> history(String serviceId) {
        return jdbc.with(c -> {
            List<CapacityChangedEvent> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, service_id, status, previous_status, "
                    + "set_by, set_at, reset_at, reason FROM capacity_change WHERE service_id = ? "
                    + "ORDER BY set_at DESC LIMIT 200")) {
                ps.setString(1, serviceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp reset = rs.getTimestamp(7);
                        rows.add(new CapacityChangedEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                                reset == null ? null : reset.toInstant(), rs.getString(8)));
                    }
                }
            }
            return rows;
        });
    }

    private static void record(java.sql.Connection c, CapacityChangedEvent e) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO capacity_change (event_id, service_id, status, "
                + "previous_status, set_by, set_at, reset_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.serviceId());
            ps.setString(3, e.status());
            ps.setString(4, e.previousStatus());
            ps.setString(5, e.setBy());
            ps.setTimestamp(6, Timestamp.from(e.setAt()));
            ps.setTimestamp(7, e.resetAt() == null ? null : Timestamp.from(e.resetAt()));
            ps.setString(8, e.reason());
            ps.executeUpdate();
        }
    }

    private void applyAndPublish(CapacityChangedEvent e) {
        board.apply(e.serviceId(), e.state());
        metrics.counter("switchboard_directory_capacity_changes_total", "status", e.status(), "by",
                AUTOMATIC_RESET.equals(e.setBy()) ? AUTOMATIC_RESET : "service-manager").increment();
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope(e.eventId(),
                CloudEventHeaders.sourceOf("directory-service"), EVENT_TYPE, e.setAt(), e.serviceId(), null));
        try {
            out.sendMessageAndAwait(Message.of(EventJson.toBytes(e)).addMetadata(OutgoingKafkaRecordMetadata
                    .builder().withKey(e.serviceId()).withHeaders(headers).build()));
        } catch (RuntimeException ex) {
            // Committed and applied here; other instances read it from the database at their next poll.
            LOG.warnf("Capacity change %s of %s not published: %s", e.eventId(), e.serviceId(), ex.getMessage());
        }
    }
}
