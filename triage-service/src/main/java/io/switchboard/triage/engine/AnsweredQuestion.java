package io.switchboard.triage.engine;

/** One answer on the way through a pathway: the question and the answer chosen, by id. */
public record AnsweredQuestion(String questionId, String answerId) {
}
