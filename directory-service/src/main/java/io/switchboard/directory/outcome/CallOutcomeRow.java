package io.switchboard.directory.outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The one outcome of a call, kept as published (the outbox, table call_outcome). */
@Entity
@Table(name = "call_outcome")
public class CallOutcomeRow extends PanacheEntityBase {

    @Id
    @Column(name = "call_id", length = 200)
    public String callId;

    @Column(name = "event_id", length = 250, nullable = false, unique = true)
    public String eventId;

    @Column(name = "result", length = 40, nullable = false)
    public String result;

    /** The calls.outcomes.v1 payload, byte for byte what is (re)published. */
    @Column(name = "payload", columnDefinition = "text", nullable = false)
    public String payload;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    public static List<CallOutcomeRow> unpublishedBefore(Instant decidedBefore, int limit) {
        return find("publishedAt is null and decidedAt < ?1 order by decidedAt", decidedBefore).page(0, limit).list();
    }
}
