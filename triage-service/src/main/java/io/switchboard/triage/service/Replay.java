package io.switchboard.triage.service;

import io.switchboard.events.Disposition;
import io.switchboard.triage.engine.AnsweredQuestion;
import io.switchboard.triage.engine.AssessmentRuleException;
import io.switchboard.triage.engine.Walk;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.pathway.PathwayCatalogue;
import io.switchboard.triage.store.AssessmentRecord;
import io.switchboard.triage.store.AssessmentStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Clinical governance: shows why a caller was told what they were told. The route is rebuilt from the audit trail
 * alone (answers given, minus those discarded by going back), then run through the pathway version the assessment
 * used; the node and disposition it reaches must be those recorded.
 */
public final class Replay {

    /**
     * @param answersFromAudit the route rebuilt from the audit trail
     * @param recordedNode     where the assessment stopped (its end for a finished one)
     * @param replayedNode     where the rebuilt route leads in that pathway version (null if it does not fit it)
     * @param reproduced       true when the replay reaches the same node and disposition, on unchanged content
     * @param differences      what does not match, empty when reproduced
     */
    public record Report(UUID assessmentId, String status, String pathwayId, int pathwayVersion,
            String recordedSha256, String currentSha256, List<AnsweredQuestion> answersFromAudit, String recordedNode,
            String replayedNode, Disposition recordedDisposition, Disposition replayedDisposition, boolean reproduced,
            List<String> differences) {
    }

    private Replay() {
    }

    public static Report of(AssessmentRecord a, List<AssessmentStep> steps, PathwayCatalogue catalogue) {
        List<String> differences = new ArrayList<>();
        List<AnsweredQuestion> route = routeFromAudit(steps);
        if (!route.equals(a.answers)) {
            differences.add("the audit trail's route " + route + " differs from the stored answers " + a.answers);
        }
        String recordedNode = AssessmentRecord.DISPOSITION_REACHED.equals(a.status) ? a.endNode : a.currentNode;
        Optional<Pathway> pathway = catalogue.version(a.pathwayId, a.pathwayVersion);
        String currentSha256 = pathway.map(Pathway::sha256).orElse(null);
        String replayedNode = null;
        Disposition replayed = null;
        if (pathway.isEmpty()) {
            differences.add("pathway " + a.pathwayId + " v" + a.pathwayVersion + " is not loaded");
        } else {
            if (!pathway.get().sha256().equals(a.pathwaySha256)) {
                differences.add("the pathway file has changed since the assessment (sha256 " + a.pathwaySha256
                        + ", now " + currentSha256 + ")");
            }
            try {
                Walk walk = Walk.replay(pathway.get(), route);
                replayedNode = walk.current().id();
                if (walk.atEnd()) {
                    replayed = walk.end().disposition().toEvent();
                }
            } catch (AssessmentRuleException e) {
                differences.add("the route does not fit the pathway: " + e.getMessage());
            }
        }
        if (replayedNode != null && !replayedNode.equals(recordedNode)) {
            differences.add("the route leads to '" + replayedNode + "', the assessment recorded '" + recordedNode + "'");
        }
        if (AssessmentRecord.DISPOSITION_REACHED.equals(a.status) && !Objects.equals(replayed, a.disposition)) {
            differences.add("the replayed disposition " + replayed + " differs from the recorded " + a.disposition);
        }
        return new Report(a.id, a.status, a.pathwayId, a.pathwayVersion, a.pathwaySha256, currentSha256, route,
                recordedNode, replayedNode, a.disposition, replayed, differences.isEmpty(), List.copyOf(differences));
    }

    /** Answers in the order given; going back to a question discards its answer and every later one. */
    static List<AnsweredQuestion> routeFromAudit(List<AssessmentStep> steps) {
        List<AnsweredQuestion> route = new ArrayList<>();
        for (AssessmentStep step : steps) {
            if (AssessmentStep.ANSWERED.equals(step.kind)) {
                route.add(new AnsweredQuestion(step.nodeId, step.answerId));
            } else if (AssessmentStep.WENT_BACK.equals(step.kind)) {
                for (int i = 0; i < route.size(); i++) {
                    if (route.get(i).questionId().equals(step.nodeId)) {
                        route.subList(i, route.size()).clear();
                        break;
                    }
                }
            }
        }
        return route;
    }
}
