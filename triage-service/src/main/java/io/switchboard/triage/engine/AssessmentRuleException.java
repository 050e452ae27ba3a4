package io.switchboard.triage.engine;

/** A step the pathway does not allow from where the assessment is; the message says why, for the handler. */
public class AssessmentRuleException extends RuntimeException {

    public enum Kind {
        /** The answer is for a question that is not the one being asked (stale screen, double submission). */
        NOT_CURRENT_QUESTION,
        /** The question has no such answer. */
        UNKNOWN_ANSWER,
        /** Going back to a question that has not been answered on the current route. */
        NOT_ANSWERED,
        /** Going back from the first question. */
        NOTHING_TO_GO_BACK_TO,
        /** Answering after an end was reached (go back to change an answer, or finish). */
        AT_END,
        /** Finishing before an end is reached. */
        NOT_AT_END,
        /** Any step on an assessment that is over (finished with a disposition, or closed as incomplete). */
        OVER
    }

    private final Kind kind;

    public AssessmentRuleException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
