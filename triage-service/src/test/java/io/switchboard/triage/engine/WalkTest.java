package io.switchboard.triage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.triage.engine.AssessmentRuleException.Kind;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.pathway.PathwayLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's steps on a real pathway (chest-pain v1). */
class WalkTest {

    private static final Pathway CHEST_PAIN = PathwayLoader.loadPackaged().version("chest-pain", 1).orElseThrow();

    @Test
    void startsAtTheFirstQuestionAndFollowsTheAnswers() {
        Walk walk = Walk.start(CHEST_PAIN);
        assertThat(walk.current().id()).isEqualTo("q-unresponsive");
        assertThat(walk.answers()).isEmpty();

        walk = walk.answer("q-unresponsive", "no").answer("q-crushing", "no");
        assertThat(walk.current().id()).isEqualTo("q-associated");
        assertThat(walk.answers()).containsExactly(new AnsweredQuestion("q-unresponsive", "no"),
                new AnsweredQuestion("q-crushing", "no"));
        assertThat(walk.atEnd()).isFalse();
        assertThat(walk.redFlagTaken()).isFalse();
    }

    @Test
    void aRedFlagAnswerExitsAtOnceToAnEmergencyDisposition() {
        Walk walk = Walk.start(CHEST_PAIN).answer("q-unresponsive", "no").answer("q-crushing", "yes");
        assertThat(walk.atEnd()).isTrue();
        assertThat(walk.end().disposition().code()).isEqualTo("SBAMBC2");
        assertThat(walk.end().disposition().isEmergency()).isTrue();
        assertThat(walk.redFlagTaken()).isTrue();
    }

    @Test
    void goingBackDiscardsThatAnswerAndEveryLaterOneSoTheyAreAskedAgain() {
        Walk walk = Walk.start(CHEST_PAIN).answer("q-unresponsive", "no").answer("q-crushing", "no")
                .answer("q-associated", "no").answer("q-history", "no");
        assertThat(walk.current().id()).isEqualTo("q-chest-wall");

        Walk back = walk.backTo("q-crushing");
        assertThat(back.current().id()).isEqualTo("q-crushing");
        assertThat(back.answers()).containsExactly(new AnsweredQuestion("q-unresponsive", "no"));

        Walk changed = back.answer("q-crushing", "no").answer("q-associated", "yes");
        assertThat(changed.end().disposition().code()).isEqualTo("SBAMBC2");

        Walk previous = walk.back();
        assertThat(previous.current().id()).isEqualTo("q-history");
        assertThat(previous.answers()).hasSize(3);
        // The original walk is unchanged: walks are values.
        assertThat(walk.answers()).hasSize(4);
    }

    @Test
    void goingBackFromAnEndReopensTheLastQuestion() {
        Walk atEnd = Walk.start(CHEST_PAIN).answer("q-unresponsive", "yes");
        assertThat(atEnd.atEnd()).isTrue();
        Walk back = atEnd.back();
        assertThat(back.current().id()).isEqualTo("q-unresponsive");
        assertThat(back.atEnd()).isFalse();
    }

    @Test
    void refusesStepsThePathwayDoesNotAllow() {
        Walk walk = Walk.start(CHEST_PAIN).answer("q-unresponsive", "no");
        assertThatThrownBy(() -> walk.answer("q-unresponsive", "no"))
                .isInstanceOf(AssessmentRuleException.class)
                .hasMessage("The question being asked is 'q-crushing', not 'q-unresponsive'")
                .extracting(e -> ((AssessmentRuleException) e).kind()).isEqualTo(Kind.NOT_CURRENT_QUESTION);
        assertThatThrownBy(() -> walk.answer("q-crushing", "maybe"))
                .hasMessage("Question 'q-crushing' has no answer 'maybe' (answers: yes, no)")
                .extracting(e -> ((AssessmentRuleException) e).kind()).isEqualTo(Kind.UNKNOWN_ANSWER);
        assertThatThrownBy(() -> walk.backTo("q-history"))
                .hasMessage("Question 'q-history' has not been answered on this assessment's route")
                .extracting(e -> ((AssessmentRuleException) e).kind()).isEqualTo(Kind.NOT_ANSWERED);
        assertThatThrownBy(() -> Walk.start(CHEST_PAIN).back())
                .extracting(e -> ((AssessmentRuleException) e).kind()).isEqualTo(Kind.NOTHING_TO_GO_BACK_TO);
        assertThatThrownBy(walk::end)
                .hasMessage("The assessment has not reached a disposition: question 'q-crushing' is still to be answered")
                .extracting(e -> ((AssessmentRuleException) e).kind()).isEqualTo(Kind.NOT_AT_END);
        Walk atEnd = walk.answer("q-crushing", "yes");
        assertThatThrownBy(() -> atEnd.answer("q-associated", "no"))
                .extracting(e -> ((AssessmentRuleException) e).kind()).isEqualTo(Kind.AT_END);
    }

    @Test
    void replayRefusesAnswersThatDoNotFitThatVersion() {
        assertThatThrownBy(() -> Walk.replay(CHEST_PAIN, List.of(new AnsweredQuestion("q-unresponsive", "no"),
                new AnsweredQuestion("q-history", "no"))))
                .isInstanceOf(AssessmentRuleException.class)
                .hasMessage("The question being asked is 'q-crushing', not 'q-history'");
    }
}
