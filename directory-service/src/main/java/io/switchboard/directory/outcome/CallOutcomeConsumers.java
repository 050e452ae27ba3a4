package io.switchboard.directory.outcome;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.directory.config.DirectoryConfig;
import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.Topics;
import io.switchboard.events.TriageOutcomeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The inputs of the outcome flow: calls.lifecycle.v1 and triage.outcomes.v1 (group directory-service), each record
 * handled in its own transaction and its outcome, if that decided one, published after the commit. A record that is
 * not JSON or does not match its topic's schema goes to the topic's .dlq with the reason (failure-strategy).
 * The sweeper decides calls whose settle period has passed, and old state is removed after the retention period.
 */
@ApplicationScoped
public class CallOutcomeConsumers {

    private static final Logger LOG = Logger.getLogger(CallOutcomeConsumers.class);

    private final CallTracker tracker;
    private final OutcomePublisher publisher;
    private final DirectoryIndex index;
    private final DirectoryConfig config;
    private final EntityManager em;

    CallOutcomeConsumers(CallTracker tracker, OutcomePublisher publisher, DirectoryIndex index, DirectoryConfig config,
            EntityManager em) {
        this.tracker = tracker;
        this.publisher = publisher;
        this.index = index;
        this.config = config;
        this.em = em;
    }

    @Incoming("lifecycle-in")
    @Blocking
    public void onLifecycle(byte[] payload) {
        CallLifecycleEvent event = EventReader.read(payload, Topics.CALLS_LIFECYCLE, CallLifecycleEvent.class);
        index.awaitReady(Duration.ofMinutes(5));
        Optional<CallTracker.Decided> decided = QuarkusTransaction.requiringNew()
                .call(() -> tracker.onLifecycle(event, Instant.now()));
        decided.ifPresent(publisher::publish);
    }

    @Incoming("triage-outcomes-in")
    @Blocking
    public void onTriageOutcome(byte[] payload) {
        TriageOutcomeEvent event = EventReader.read(payload, Topics.TRIAGE_OUTCOMES, TriageOutcomeEvent.class);
        index.awaitReady(Duration.ofMinutes(5));
        Optional<CallTracker.Decided> decided = QuarkusTransaction.requiringNew()
                .call(() -> tracker.onTriage(event, Instant.now()));
        decided.ifPresent(publisher::publish);
    }

    @Scheduled(every = "${switchboard.directory.outcomes.sweep-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void decideSettledCalls() {
        if (!index.isReady()) {
            return;
        }
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<String> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "(SELECT call_id FROM call_state WHERE decided_at IS NULL AND ended_seen_at <= ?1 "
                        + "AND provider IS NOT NULL LIMIT 500) UNION "
                        + "(SELECT call_id FROM call_state WHERE decided_at IS NULL AND first_seen_at <= ?2 "
                        + "AND provider IS NOT NULL LIMIT 500)")
                .setParameter(1, now.minus(config.outcomes().settle()))
                .setParameter(2, now.minus(config.outcomes().maxCallAge()))
                .getResultList());
        for (String callId : due) {
            try {
                QuarkusTransaction.requiringNew().call(() -> tracker.decideDue(callId, now))
                        .ifPresent(publisher::publish);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not decide the outcome of %s", callId);
            }
        }
    }

    @Scheduled(every = "1h", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldCalls() {
        Instant cutoff = Instant.now().minus(config.outcomes().retention());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM call_state WHERE first_seen_at < ?1").setParameter(1, cutoff)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM call_outcome WHERE decided_at < ?1 AND published_at IS NOT NULL")
                    .setParameter(1, cutoff).executeUpdate();
            em.createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1").setParameter(1, cutoff)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM outcome_on_topic WHERE read_at < ?1").setParameter(1, cutoff)
                    .executeUpdate();
        });
    }
}
