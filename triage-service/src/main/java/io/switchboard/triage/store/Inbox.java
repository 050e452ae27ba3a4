package io.switchboard.triage.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Makes a consumer idempotent: {@link #firstDelivery} records an event id and says whether it was new. Call it in
 * the same transaction as the work the event causes, so the work and the record commit or roll back together.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager entityManager;

    Inbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return true the first time this consumer sees this event id, false on every redelivery */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        // ON CONFLICT makes two concurrent deliveries safe without a read-then-write race.
        int inserted = entityManager.createNativeQuery("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (consumer, event_id) DO NOTHING""")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .setParameter(3, Instant.now())
                .executeUpdate();
        return inserted == 1;
    }

    /** Forgets what is older than the cut-off (longer ago than the topic keeps records). */
    @Transactional
    public int forgetBefore(Instant cutOff) {
        int events = entityManager.createNativeQuery("DELETE FROM processed_event WHERE processed_at < ?1")
                .setParameter(1, cutOff).executeUpdate();
        int calls = entityManager.createNativeQuery("DELETE FROM closed_call WHERE recorded_at < ?1")
                .setParameter(1, cutOff).executeUpdate();
        return events + calls;
    }
}
