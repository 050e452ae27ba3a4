package io.switchboard.triage.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One step of the audit trail: what was shown or done, by whom, when, on which pathway version. Never changed. */
@Entity
@Table(name = "assessment_step")
@IdClass(AssessmentStep.Key.class)
public class AssessmentStep extends PanacheEntityBase {

    /** The kinds of step, as stored. */
    public static final String STARTED = "started";
    public static final String QUESTION_SHOWN = "question-shown";
    public static final String ANSWERED = "answered";
    public static final String WENT_BACK = "went-back";
    public static final String DISPOSITION_SHOWN = "disposition-shown";
    public static final String FINISHED = "finished";
    public static final String CLOSED = "closed";

    @Id
    @Column(name = "assessment_id")
    public UUID assessmentId;

    @Id
    public int seq;

    public String kind;

    @Column(name = "node_id")
    public String nodeId;

    @Column(name = "node_text")
    public String nodeText;

    @Column(name = "answer_id")
    public String answerId;

    @Column(name = "answer_text")
    public String answerText;

    @Column(name = "red_flag")
    public boolean redFlag;

    @Column(name = "disposition_code")
    public String dispositionCode;

    public String detail;

    @Column(name = "pathway_id")
    public String pathwayId;

    @Column(name = "pathway_version")
    public int pathwayVersion;

    public String actor;

    public Instant at;

    public record Key(UUID assessmentId, int seq) implements Serializable {
    }

    public static List<AssessmentStep> of(UUID assessmentId) {
        return find("assessmentId = ?1 order by seq", assessmentId).list();
    }
}
