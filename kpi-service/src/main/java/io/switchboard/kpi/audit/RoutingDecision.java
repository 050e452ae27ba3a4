package io.switchboard.kpi.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One contingency decision in the audit trail (see V1__routing_decision.sql). */
@Entity
@Table(name = "routing_decision")
public class RoutingDecision extends PanacheEntityBase {

    @Id
    @Column(name = "command_id")
    public String commandId;

    public String region;

    /** engage-contingency, release-contingency, or clear-pin (an operator handing a region back). */
    public String kind;

    @Column(name = "issued_by")
    public String issuedBy;

    public boolean pinned;

    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Double> figures;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "pbx_result")
    public String pbxResult;

    @Column(name = "pbx_detail")
    public String pbxDetail;

    @Column(name = "pbx_id")
    public String pbxId;

    @Column(name = "pbx_observed_at")
    public Instant pbxObservedAt;

    public static List<RoutingDecision> forRegion(String region, Instant from, Instant to) {
        return find("region = ?1 and issuedAt >= ?2 and issuedAt < ?3 order by issuedAt desc", region, from, to)
                .list();
    }

    public static List<RoutingDecision> between(Instant from, Instant to) {
        return find("issuedAt >= ?1 and issuedAt < ?2 order by issuedAt desc", from, to).list();
    }
}
