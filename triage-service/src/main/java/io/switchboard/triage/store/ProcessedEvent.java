package io.switchboard.triage.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An event a consumer has already handled (the inbox of an idempotent consumer). */
@Entity
@Table(name = "processed_event")
@IdClass(ProcessedEvent.Key.class)
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "consumer", length = 100)
    public String consumer;

    @Id
    @Column(name = "event_id", length = 200)
    public String eventId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    public record Key(String consumer, String eventId) implements Serializable {
    }

    public static long countFor(String consumer) {
        return count("consumer", consumer);
    }
}
