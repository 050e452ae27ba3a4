package io.switchboard.triage.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.events.Disposition;
import io.switchboard.triage.engine.AnsweredQuestion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One assessment and where it is (see V1__assessment.sql). */
@Entity
@Table(name = "assessment")
public class AssessmentRecord extends PanacheEntityBase {

    public static final String IN_PROGRESS = "in-progress";
    public static final String DISPOSITION_REACHED = "disposition-reached";
    public static final String INCOMPLETE = "incomplete";

    @Id
    public UUID id;

    @Column(name = "call_id")
    public String callId;

    @Column(name = "pathway_id")
    public String pathwayId;

    @Column(name = "pathway_version")
    public int pathwayVersion;

    @Column(name = "pathway_sha256")
    public String pathwaySha256;

    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<AnsweredQuestion> answers = new ArrayList<>();

    @Column(name = "current_node")
    public String currentNode;

    @Column(name = "age_years")
    public int ageYears;

    public String sex;

    public String postcode;

    public Double latitude;

    public Double longitude;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "last_handler")
    public String lastHandler;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "finished_by")
    public String finishedBy;

    @Column(name = "end_node")
    public String endNode;

    @Column(name = "disposition_code")
    public String dispositionCode;

    @JdbcTypeCode(SqlTypes.JSON)
    public Disposition disposition;

    @Column(name = "incomplete_reason")
    public String incompleteReason;

    @Column(name = "next_step")
    public int nextStep;

    public boolean isOpen() {
        return IN_PROGRESS.equals(status);
    }

    /** Reads the row and locks it until the transaction ends, so that steps on one assessment happen one at a time. */
    public static Optional<AssessmentRecord> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public static List<AssessmentRecord> ofCall(String callId) {
        return find("callId = ?1 order by startedAt, id", callId).list();
    }

    public static Optional<AssessmentRecord> openForCall(String callId, boolean lock) {
        var query = find("callId = ?1 and status = ?2", callId, IN_PROGRESS);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResultOptional();
    }
}
