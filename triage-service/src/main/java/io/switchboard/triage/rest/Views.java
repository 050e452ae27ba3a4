package io.switchboard.triage.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.events.DispositionCatalogue;
import io.switchboard.triage.engine.AnsweredQuestion;
import io.switchboard.triage.engine.Walk;
import io.switchboard.triage.pathway.Node;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.service.OutcomeEvents;
import io.switchboard.triage.store.AssessmentRecord;
import io.switchboard.triage.store.AssessmentStep;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Response bodies of the triage API. Absent values are left out, never null. */
public final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PathwayRef(String id, int version, String title, boolean demonstrationContent, String notice) {
        static PathwayRef of(Pathway p) {
            return new PathwayRef(p.id(), p.version(), p.title(), p.demonstrationContent(), p.notice());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DispositionView(String code, String alias, String name, int timeframeMinutes, String careSetting,
            String group, boolean transferToClinician) {
        static DispositionView of(DispositionCatalogue.Entry d) {
            return new DispositionView(d.code(), d.alias(), d.name(), d.timeframeMinutes(), d.careSetting(), d.group(),
                    d.transfersToClinician());
        }
    }

    public record AnswerOption(String id, String text, boolean redFlag) {
    }

    /** What the handler has in front of them: a question to ask, or the disposition reached (to finish with). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Current(String kind, String id, String question, String guidance, List<AnswerOption> answers,
            DispositionView disposition, String advice) {
        static Current of(Node node) {
            if (node instanceof Node.End end) {
                return new Current("disposition", end.id(), null, null, null, DispositionView.of(end.disposition()),
                        end.advice());
            }
            Node.Question q = (Node.Question) node;
            return new Current("question", q.id(), q.text(), q.guidance(),
                    q.answers().stream().map(a -> new AnswerOption(a.id(), a.text(), a.redFlag())).toList(), null, null);
        }
    }

    public record GivenAnswer(String questionId, String question, String answerId, String answer, boolean redFlag) {
        static GivenAnswer of(Pathway pathway, AnsweredQuestion given) {
            Node.Question q = (Node.Question) pathway.node(given.questionId());
            Node.Answer a = q.answer(given.answerId()).orElseThrow();
            return new GivenAnswer(q.id(), q.text(), a.id(), a.text(), a.redFlag());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Patient(int ageYears, String sex) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(String postcode, Double latitude, Double longitude) {
    }

    /**
     * @param current         present while in progress
     * @param disposition     present once finished with one
     * @param outcomeEventId  the eventId of its triage.outcomes.v1 event, once over
     * @param transferCommandId the commandId of the routing.commands.v1 transfer-call, when one was sent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Assessment(String assessmentId, String callId, String status, PathwayRef pathway, Patient patient,
            Location location, List<GivenAnswer> answers, Current current, DispositionView disposition,
            String incompleteReason, Instant startedAt, Instant finishedAt, String outcomeEventId,
            String transferCommandId) {

        static Assessment of(AssessmentRecord a, Pathway pathway, Walk walk) {
            boolean open = a.isOpen();
            boolean reached = AssessmentRecord.DISPOSITION_REACHED.equals(a.status);
            DispositionCatalogue.Entry reachedEntry = reached ? ((Node.End) pathway.node(a.endNode)).disposition() : null;
            Location location = a.postcode == null && a.latitude == null ? null
                    : new Location(a.postcode, a.latitude, a.longitude);
            return new Assessment(a.id.toString(), a.callId, a.status, PathwayRef.of(pathway),
                    new Patient(a.ageYears, a.sex), location,
                    walk.answers().stream().map(given -> GivenAnswer.of(pathway, given)).toList(),
                    open ? Current.of(walk.current()) : null,
                    reached ? DispositionView.of(reachedEntry) : null, a.incompleteReason, a.startedAt, a.finishedAt,
                    open ? null : OutcomeEvents.outcomeEventId(a.id),
                    reached && reachedEntry.transfersToClinician() ? OutcomeEvents.transferCommandId(a.id) : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AssessmentSummary(String assessmentId, String callId, String status, String pathwayId,
            int pathwayVersion, boolean demonstrationContent, String dispositionCode, String incompleteReason,
            Instant startedAt, Instant finishedAt) {
        static AssessmentSummary of(AssessmentRecord a, Pathway pathway) {
            return new AssessmentSummary(a.id.toString(), a.callId, a.status, a.pathwayId, a.pathwayVersion,
                    pathway.demonstrationContent(), a.dispositionCode, a.incompleteReason, a.startedAt, a.finishedAt);
        }
    }

    /** @param actor the staff user id from the token (or system:...), kept for clinical governance */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int seq, String kind, String nodeId, String nodeText, String answerId, String answerText,
            Boolean redFlag, String dispositionCode, String detail, String pathwayId, int pathwayVersion, String actor,
            Instant at) {
        static Step of(AssessmentStep s) {
            return new Step(s.seq, s.kind, s.nodeId, s.nodeText, s.answerId, s.answerText, s.redFlag ? true : null,
                    s.dispositionCode, s.detail, s.pathwayId, s.pathwayVersion, s.actor, s.at);
        }
    }

    public record Applicability(int minAgeYears, int maxAgeYears, Set<String> sexes) {
    }

    /** A pathway as offered for new assessments (its latest version), with every version still loadable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PathwaySummary(String id, int version, String title, String summary, boolean demonstrationContent,
            String notice, Applicability applicability, List<Integer> versions) {
        static PathwaySummary of(Pathway p, List<Integer> versions) {
            return new PathwaySummary(p.id(), p.version(), p.title(), p.summary(), p.demonstrationContent(),
                    p.notice(), applicabilityOf(p), versions);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeView(String id, String kind, String question, String guidance, List<AnswerView> answers,
            DispositionView disposition, String advice) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnswerView(String id, String text, String next, boolean redFlag) {
    }

    /** One pathway version in full, for content review. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PathwayDetail(String id, int version, String title, String summary, boolean demonstrationContent,
            String notice, Applicability applicability, String start, List<NodeView> nodes, String file, String sha256) {
        static PathwayDetail of(Pathway p) {
            List<NodeView> nodes = p.nodes().values().stream().map(n -> n instanceof Node.End end
                    ? new NodeView(end.id(), "end", null, null, null, DispositionView.of(end.disposition()), end.advice())
                    : new NodeView(n.id(), "question", ((Node.Question) n).text(), ((Node.Question) n).guidance(),
                            ((Node.Question) n).answers().stream()
                                    .map(a -> new AnswerView(a.id(), a.text(), a.next(), a.redFlag())).toList(),
                            null, null))
                    .toList();
            return new PathwayDetail(p.id(), p.version(), p.title(), p.summary(), p.demonstrationContent(), p.notice(),
                    applicabilityOf(p), p.start(), nodes, p.file(), p.sha256());
        }
    }

    private static Applicability applicabilityOf(Pathway p) {
        return new Applicability(p.applicability().minAgeYears(), p.applicability().maxAgeYears(),
                new TreeSet<>(p.applicability().sexes()));
    }
}
