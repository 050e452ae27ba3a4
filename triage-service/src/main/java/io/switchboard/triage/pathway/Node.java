package io.switchboard.triage.pathway;

import io.switchboard.events.DispositionCatalogue;
import java.util.List;
import java.util.Optional;

/** A node of a pathway: a question with answers, or an end point with a disposition. */
public sealed interface Node permits Node.Question, Node.End {

    String id();

    /**
     * @param text     what the call handler asks
     * @param guidance optional notes for the handler (how to ask, what counts), null when none
     * @param answers  the answers offered, in the order shown
     */
    record Question(String id, String text, String guidance, List<Answer> answers) implements Node {

        public Optional<Answer> answer(String answerId) {
            return answers.stream().filter(a -> a.id().equals(answerId)).findFirst();
        }
    }

    /**
     * @param next    the node this answer leads to (a question, or an end)
     * @param redFlag true for an early exit on a red flag (it leads straight to an emergency disposition)
     */
    record Answer(String id, String text, String next, boolean redFlag) {
    }

    /**
     * @param disposition what the caller is told and how soon
     * @param advice      care and worsening advice read to the caller, null when none
     */
    record End(String id, DispositionCatalogue.Entry disposition, String advice) implements Node {
    }
}
