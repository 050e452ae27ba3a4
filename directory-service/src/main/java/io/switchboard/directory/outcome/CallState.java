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

    /** The 'offered' step itself was read. Null on rows from before reconciliation (unknown). */
    @Column(name = "offered_seen")
    public Boolean offeredSeen;

    /** Distinct lifecycle events read; null on rows from before reconciliation. */
    @Column(name = "lifecycle_events")
    public Integer lifecycleEvents;

    /** The highest lifecycle sequence read; more than {@link #lifecycleEvents} means events are missing. */
    @Column(name = "max_sequence")
    public Integer maxSequence;

    /** Distinct triage outcomes read; null on rows from before reconciliation. */
    @Column(name = "triage_outcomes")
    public Integer triageOutcomes;

    /** Triage outcomes read after the outcome was decided: the published outcome does not reflect them. */
    @Column(name = "late_triage_outcomes")
    public Integer lateTriageOutcomes;

    @Column(name = "last_late_triage_at")
    public Instant lastLateTriageAt;

    @Column(name = "last_late_triage_status", length = 40)
    public String lastLateTriageStatus;

    /** One more of a counter that is known (a null counter stays unknown). */
    static Integer plusOne(Integer counter) {
        return counter == null ? null : counter + 1;
    }

    /** Provider, region and offered time are known: an outcome can be written. */
    public boolean offered() {
        return provider != null && region != null && offeredAt != null;
    }
}
