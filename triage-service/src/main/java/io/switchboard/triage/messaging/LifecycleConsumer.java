package io.switchboard.triage.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.EventJson;
import io.switchboard.events.EventSchemas;
import io.switchboard.events.InvalidEventException;
import io.switchboard.events.Topics;
import io.switchboard.triage.service.AssessmentService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads calls.lifecycle.v1 (consumer group triage-service): a call that ends or is abandoned while an assessment is
 * in progress closes that assessment as incomplete, which is published on triage.outcomes.v1. A record that is not a
 * valid lifecycle event fails here and goes to calls.lifecycle.v1.dlq with the reason (failure-strategy
 * dead-letter-queue); the consumer carries on.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private static final Logger LOG = Logger.getLogger(LifecycleConsumer.class);
    static final int ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    private final AssessmentService assessments;
    private final OutboxRelay relay;

    LifecycleConsumer(AssessmentService assessments, OutboxRelay relay) {
        this.assessments = assessments;
        this.relay = relay;
    }

    @Incoming("calls-lifecycle")
    @Blocking(ordered = true)
    public void onLifecycle(byte[] payload) throws InterruptedException {
        CallLifecycleEvent event = read(payload); // InvalidEventException: to the dead-letter topic at once
        List<String> toPublish = handle(event);
        relay.publish(toPublish); // a failure here is retried from the outbox, not by redelivering the record
    }

    /**
     * A valid event that cannot be handled (database unavailable) is retried with backoff, holding up the partition
     * rather than losing the event; only after {@link #ATTEMPTS} attempts does it go to the dead-letter topic.
     */
    private List<String> handle(CallLifecycleEvent event) throws InterruptedException {
        long backoffMs = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return assessments.onLifecycle(event); // its own transaction, committed on return
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Could not handle lifecycle event %s (attempt %d of %d): %s; retrying in %d ms",
                        event.eventId(), attempt, ATTEMPTS, e.toString(), backoffMs);
                TimeUnit.MILLISECONDS.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }

    static CallLifecycleEvent read(byte[] payload) {
        JsonNode tree = EventJson.readTree(payload == null ? new byte[0] : payload);
        EventSchemas.requireValid(Topics.CALLS_LIFECYCLE, tree);
        try {
            return EventJson.mapper().treeToValue(tree, CallLifecycleEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid CallLifecycleEvent: " + e.getOriginalMessage(), e);
        }
    }
}
