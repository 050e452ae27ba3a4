package io.switchboard.directory.outcome;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What directory-service knows of one call until its outcome is decided (table call_state). */
@Entity
@Table(name = "call_state")
public class CallState extends PanacheEntityBase {

    @Id
    @Column(name = "call_id", length = 200)
    public String callId;

    @Column(name = "provider", length = 100)
    public String provider;

    @Column(name = "region", length = 100)
    public String region;

    /** The earliest lifecycle time seen: the 'offered' step's, as it is the first of every call. */
    @Column(name = "offered_at")
    public Instant offeredAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "caller_token", length = 100)
    public String callerToken;

    @Column(name = "abandoned", nullable = false)
    public boolean abandoned;

    @Column(name = "contingency", nullable = false)
    public boolean contingency;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason", length = 100)
    public String endReason;

    @Column(name = "ended_seen_at")
    public Instant endedSeenAt;

    @Column(name = "last_triage_finished_at")
    public Instant lastTriageFinishedAt;

    @Column(name = "last_triage_status", length = 40)
    public String lastTriageStatus;

    /** The latest triage outcome that reached a disposition, as its JSON payload. */
    @Column(name = "last_disposition_triage", columnDefinition = "text")
    public String lastDispositionTriage;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** Provider, region and offered time are known: an outcome can be written. */
    public boolean offered() {
        return provider != null && region != null && offeredAt != null;
    }
}
