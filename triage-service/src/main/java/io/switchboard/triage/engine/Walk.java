package io.switchboard.triage.engine;

import io.switchboard.triage.engine.AssessmentRuleException.Kind;
import io.switchboard.triage.pathway.Node;
import io.switchboard.triage.pathway.Pathway;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an assessment is on its pathway: the answers given on the current route and the node they lead to.
 * Immutable; each step returns a new walk. The same pathway version and the same answers always lead to the same
 * node, which is what makes {@link #replay} reproduce a disposition.
 */
public final class Walk {

    private final Pathway pathway;
    private final List<AnsweredQuestion> answers;
    private final Node current;

    private Walk(Pathway pathway, List<AnsweredQuestion> answers, Node current) {
        this.pathway = pathway;
        this.answers = List.copyOf(answers);
        this.current = current;
    }

    public static Walk start(Pathway pathway) {
        return new Walk(pathway, List.of(), pathway.node(pathway.start()));
    }

    /**
     * Follows recorded answers from the start.
     *
     * @throws AssessmentRuleException when an answer does not fit where the route is (not that version's answers)
     */
    public static Walk replay(Pathway pathway, List<AnsweredQuestion> answers) {
        Walk walk = start(pathway);
        for (AnsweredQuestion answer : answers) {
            walk = walk.answer(answer.questionId(), answer.answerId());
        }
        return walk;
    }

    /** Answers the current question, which must be {@code questionId}. */
    public Walk answer(String questionId, String answerId) {
        if (!(current instanceof Node.Question question)) {
            throw new AssessmentRuleException(Kind.AT_END, "The assessment has reached its end ('" + current.id()
                    + "'): finish it, or go back to change an answer");
        }
        if (!question.id().equals(questionId)) {
            throw new AssessmentRuleException(Kind.NOT_CURRENT_QUESTION, "The question being asked is '"
                    + question.id() + "', not '" + questionId + "'");
        }
        Node.Answer answer = question.answer(answerId).orElseThrow(() -> new AssessmentRuleException(
                Kind.UNKNOWN_ANSWER, "Question '" + questionId + "' has no answer '" + answerId + "' (answers: "
                        + String.join(", ", question.answers().stream().map(Node.Answer::id).toList()) + ")"));
        List<AnsweredQuestion> next = new ArrayList<>(answers);
        next.add(new AnsweredQuestion(questionId, answerId));
        return new Walk(pathway, next, pathway.node(answer.next()));
    }

    /** Back to the last question answered; its answer and nothing else is discarded. */
    public Walk back() {
        if (answers.isEmpty()) {
            throw new AssessmentRuleException(Kind.NOTHING_TO_GO_BACK_TO, "No question has been answered yet");
        }
        return backTo(answers.get(answers.size() - 1).questionId());
    }

    /** Back to a question answered on the current route: its answer and every later one are discarded. */
    public Walk backTo(String questionId) {
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).questionId().equals(questionId)) {
                return new Walk(pathway, answers.subList(0, i), pathway.node(questionId));
            }
        }
        throw new AssessmentRuleException(Kind.NOT_ANSWERED, "Question '" + questionId
                + "' has not been answered on this assessment's route");
    }

    public Pathway pathway() {
        return pathway;
    }

    public List<AnsweredQuestion> answers() {
        return answers;
    }

    public Node current() {
        return current;
    }

    public boolean atEnd() {
        return current instanceof Node.End;
    }

    /** The end reached. */
    public Node.End end() {
        if (current instanceof Node.End end) {
            return end;
        }
        throw new AssessmentRuleException(Kind.NOT_AT_END, "The assessment has not reached a disposition: question '"
                + current.id() + "' is still to be answered");
    }

    /** Whether the route so far took a red-flag answer. */
    public boolean redFlagTaken() {
        return answers.stream().anyMatch(a -> ((Node.Question) pathway.node(a.questionId())).answer(a.answerId())
                .map(Node.Answer::redFlag).orElse(false));
    }
}
