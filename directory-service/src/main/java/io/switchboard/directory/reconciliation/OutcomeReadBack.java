package io.switchboard.directory.reconciliation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.directory.outcome.EventReader;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads calls.outcomes.v1 back (its own consumer group, directory-service-readback) and records every record seen
 * (table outcome_on_topic, one row per partition and offset), so reconciliation can prove that each decided outcome
 * reached the topic and that no call ever has two different outcomes there, whoever wrote them. A record that is
 * not a valid outcome goes to calls.outcomes.v1.dlq with the reason, like every consumer's.
 */
@ApplicationScoped
public class OutcomeReadBack {

    private final EntityManager em;

    OutcomeReadBack(EntityManager em) {
        this.em = em;
    }

    @Incoming("call-outcomes-readback")
    @Blocking
    public void onOutcome(ConsumerRecord<String, byte[]> record) {
        CallOutcomeEvent outcome = EventReader.read(record.value(), Topics.CALLS_OUTCOMES, CallOutcomeEvent.class);
        String sha256 = sha256(record.value());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO outcome_on_topic "
                        + "(topic_partition, topic_offset, call_id, event_id, result, offered_at, decided_at, "
                        + "payload_sha256, read_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                        + "ON CONFLICT (topic_partition, topic_offset) DO NOTHING")
                .setParameter(1, record.partition()).setParameter(2, record.offset())
                .setParameter(3, outcome.callId()).setParameter(4, outcome.eventId())
                .setParameter(5, outcome.result().wireName()).setParameter(6, outcome.offeredAt())
                .setParameter(7, outcome.decidedAt()).setParameter(8, sha256).setParameter(9, Instant.now())
                .executeUpdate());
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
