package io.switchboard.triage.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A call that has ended or was abandoned (from calls.lifecycle.v1): no assessment may start for it any more. */
@Entity
@Table(name = "closed_call")
public class ClosedCall extends PanacheEntityBase {

    @Id
    @Column(name = "call_id")
    public String callId;

    /** ended or abandoned. */
    public String step;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
