package io.switchboard.directory.outcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.directory.inbox.Inbox;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.Topics;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.events.TriageStatus;
import io.switchboard.directory.config.DirectoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps each call's state from the two input topics and decides its outcome exactly once (docs/directory.md, "When
 * an outcome is published"):
 *
 * <ul>
 * <li>when the call has ended and a triage outcome is known: at once;</li>
 * <li>when the call has ended without one: {@code settle} after the 'ended' event was read (a late triage outcome
 * still wins until then);</li>
 * <li>when a call never ends: {@code max-call-age} after it was first seen.</li>
 * </ul>
 *
 * Each input event goes through the inbox first, so a redelivery changes nothing; the outcome row's primary key
 * (the call id) makes a second outcome for a call impossible. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class CallTracker {

    static final String LIFECYCLE_CONSUMER = "directory-service:" + Topics.CALLS_LIFECYCLE;
    static final String TRIAGE_CONSUMER = "directory-service:" + Topics.TRIAGE_OUTCOMES;

    private final EntityManager em;
    private final Inbox inbox;
    private final OutcomeDecider decider;
    private final MeterRegistry metrics;
    private final DirectoryConfig config;

    CallTracker(EntityManager em, Inbox inbox, OutcomeDecider decider, MeterRegistry metrics, DirectoryConfig config) {
        this.em = em;
        this.inbox = inbox;
        this.decider = decider;
        this.metrics = metrics;
        this.config = config;
    }

    /** A stored outcome to publish once the transaction has committed. */
    public record Decided(String callId, String eventId, Instant decidedAt, byte[] payload) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Decided> onLifecycle(CallLifecycleEvent e, Instant now) {
        if (!inbox.firstDelivery(LIFECYCLE_CONSUMER, e.eventId())) {
            metrics.counter("switchboard_directory_duplicates_total", "topic", Topics.CALLS_LIFECYCLE).increment();
            return Optional.empty();
        }
        CallState call = lock(e.callId(), now);
        call.lifecycleEvents = CallState.plusOne(call.lifecycleEvents);
        if (call.maxSequence != null && e.sequence() > call.maxSequence) {
            call.maxSequence = e.sequence();
        }
        if (e.step() == CallStep.OFFERED) {
            call.offeredSeen = true;
        }
        call.provider = call.provider == null ? e.provider() : call.provider;
        call.region = call.region == null ? e.region() : call.region;
        if (call.offeredAt == null || e.occurredAt().isBefore(call.offeredAt)) {
            call.offeredAt = e.occurredAt();
        }
        if (e.callerToken() != null) {
            call.callerToken = e.callerToken();
        }
        switch (e.step()) {
            case ANSWERED -> {
                if (call.answeredAt == null || e.occurredAt().isBefore(call.answeredAt)) {
                    call.answeredAt = e.occurredAt();
                }
            }
            case ABANDONED -> call.abandoned = true;
            case CONTINGENCY_ROUTED -> call.contingency = true;
            case ENDED -> {
                call.endedAt = e.occurredAt();
                call.endReason = e.reason();
                call.endedSeenAt = now;
            }
            default -> {
                // offered, queued, timed-out, transferred: nothing more to keep
            }
        }
        call.updatedAt = now;
        return decideIf(call, call.endedSeenAt != null && call.lastTriageStatus != null, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Decided> onTriage(TriageOutcomeEvent e, Instant now) {
        if (!inbox.firstDelivery(TRIAGE_CONSUMER, e.eventId())) {
            metrics.counter("switchboard_directory_duplicates_total", "topic", Topics.TRIAGE_OUTCOMES).increment();
            return Optional.empty();
        }
        CallState call = lock(e.callId(), now);
        call.triageOutcomes = CallState.plusOne(call.triageOutcomes);
        if (call.decidedAt != null) {
            // recorded, so that reconciliation can say the published outcome does not reflect it
            call.lateTriageOutcomes = CallState.plusOne(call.lateTriageOutcomes);
            call.lastLateTriageAt = e.finishedAt();
            call.lastLateTriageStatus = e.status().wireName();
            call.updatedAt = now;
            metrics.counter("switchboard_directory_late_triage_outcomes_total").increment();
            return Optional.empty();
        }
        Instant finished = e.finishedAt();
        if (call.lastTriageFinishedAt == null || !finished.isBefore(call.lastTriageFinishedAt)) {
            call.lastTriageFinishedAt = finished;
            call.lastTriageStatus = e.status().wireName();
        }
        if (e.status() == TriageStatus.DISPOSITION_REACHED) {
            TriageOutcomeEvent previous = OutcomeDecider.dispositionTriage(call);
            if (previous == null || !finished.isBefore(previous.finishedAt())) {
                call.lastDispositionTriage = EventJson.toJson(e);
            }
        }
        call.updatedAt = now;
        return decideIf(call, call.endedSeenAt != null, now);
    }

    /** Decides a call the sweeper found due (settled after its end, or too old). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Decided> decideDue(String callId, Instant now) {
        CallState call = em.find(CallState.class, callId, LockModeType.PESSIMISTIC_WRITE);
        if (call == null) {
            return Optional.empty();
        }
        boolean settled = call.endedSeenAt != null && !call.endedSeenAt.plus(config.outcomes().settle()).isAfter(now);
        boolean tooOld = !call.firstSeenAt.plus(config.outcomes().maxCallAge()).isAfter(now);
        return decideIf(call, settled || tooOld, now);
    }

    private Optional<Decided> decideIf(CallState call, boolean due, Instant now) {
        if (!due || call.decidedAt != null || !call.offered()) {
            return Optional.empty();
        }
        CallOutcomeEvent outcome = decider.decide(call, now);
        EventSchemas.requireValid(Topics.CALLS_OUTCOMES, EventJson.toTree(outcome));
        byte[] payload = EventJson.toBytes(outcome);
        CallOutcomeRow row = new CallOutcomeRow();
        row.callId = call.callId;
        row.eventId = outcome.eventId();
        row.result = outcome.result().wireName();
        row.payload = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        row.decidedAt = now;
        row.persist();
        call.decidedAt = now;
        metrics.counter("switchboard_directory_outcomes_total", "result", outcome.result().wireName()).increment();
        return Optional.of(new Decided(call.callId, outcome.eventId(), now, payload));
    }

    private CallState lock(String callId, Instant now) {
        em.createNativeQuery("INSERT INTO call_state (call_id, first_seen_at, updated_at, offered_seen, "
                + "lifecycle_events, max_sequence, triage_outcomes, late_triage_outcomes) "
                + "VALUES (?1, ?2, ?2, FALSE, 0, 0, 0, 0) ON CONFLICT (call_id) DO NOTHING")
                .setParameter(1, callId).setParameter(2, now).executeUpdate();
        return em.find(CallState.class, callId, LockModeType.PESSIMISTIC_WRITE);
    }
}
