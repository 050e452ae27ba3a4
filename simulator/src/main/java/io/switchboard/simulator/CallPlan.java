package io.switchboard.simulator;

import java.util.random.RandomGenerator;

/**
 * Everything one caller and the staff who take the call will do, decided when the call arrives (sampled from the
 * call's own random stream, or given explicitly for a scripted call). What actually happens also depends on the
 * queue: the plan says how long the caller would wait, the model decides whether that was long enough.
 *
 * @param patience          seconds the caller waits in the triage queue before hanging up (infinite: never)
 * @param hangupAfter       seconds after arriving when the caller hangs up whatever is happening (infinite: no
 *                          such limit); the recorded burst's SIPp callers behave like this
 * @param ringSeconds       how long a handler's or clinician's phone rings before they answer
 * @param unansweredRings   the first n ring attempts are not answered (member timeout, then retry)
 * @param talk              seconds the handler talks with the caller
 * @param agentEnds         whether the handler (rather than the caller) ends the call
 * @param wrapUp            seconds of after-call work before the handler takes another call
 * @param transfer          whether and how the handler transfers the caller to the clinician queue
 * @param consult           attended transfer: seconds the handler talks to the clinician before completing it
 * @param clinicianPatience seconds the caller waits in the clinician queue (blind transfer)
 * @param clinicianTalk     seconds the clinician talks with the caller
 * @param clinicianEnds     whether the clinician (rather than the caller) ends the call
 * @param contingencyAnswer seconds before the contingency desk answers
 * @param contingencyTalk   seconds the contingency desk talks with the caller (the desk ends the call)
 */
public record CallPlan(
        double patience,
        double hangupAfter,
        double ringSeconds,
        int unansweredRings,
        double talk,
        boolean agentEnds,
        double wrapUp,
        Transfer transfer,
        double consult,
        double clinicianPatience,
        double clinicianTalk,
        boolean clinicianEnds,
        double contingencyAnswer,
        double contingencyTalk) {

    /** What the handler does with the call at the end of the talk. */
    public enum Transfer {
        NONE("none"), BLIND("blind"), ATTENDED("attended");

        private final String wireName;

        Transfer(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Draws a plan from the model's distributions, always in the same order, so a seed fixes every call. */
    public static CallPlan sample(SimulationConfig c, RandomGenerator r) {
        double patience = c.patience.sample(r);
        double ring = c.ring.sample(r);
        int unanswered = 0;
        while (unanswered < 20 && r.nextDouble() < c.ringNoAnswerProbability) {
            unanswered++;
        }
        double talk = c.talk.sample(r);
        boolean agentEnds = r.nextDouble() < c.agentHangupShare;
        double wrapUp = c.wrapUp.sample(r);
        double transferDraw = r.nextDouble();
        double kindDraw = r.nextDouble();
        Transfer transfer = transferDraw >= c.transferShare ? Transfer.NONE
                : kindDraw < c.attendedShare ? Transfer.ATTENDED : Transfer.BLIND;
        double consult = c.consult.sample(r);
        double clinicianPatience = c.clinicianPatience.sample(r);
        double clinicianTalk = c.clinicianTalk.sample(r);
        boolean clinicianEnds = r.nextDouble() < c.clinicianHangupShare;
        double contingencyAnswer = c.contingencyAnswer.sample(r);
        double contingencyTalk = c.contingencyTalk.sample(r);
        return new CallPlan(patience, Double.POSITIVE_INFINITY, ring, unanswered, talk, agentEnds, wrapUp, transfer,
                consult, clinicianPatience, clinicianTalk, clinicianEnds, contingencyAnswer, contingencyTalk);
    }

    /** A plain answered call for scripts: ring 2 s, talk, the caller ends it, no wrap-up. */
    public static CallPlan answered(double talk) {
        return new CallPlan(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2, 0, talk, false, 0, Transfer.NONE,
                2, Double.POSITIVE_INFINITY, 8, true, 1, 4);
    }

    public CallPlan withPatience(double v) {
        return new CallPlan(v, hangupAfter, ringSeconds, unansweredRings, talk, agentEnds, wrapUp, transfer, consult,
                clinicianPatience, clinicianTalk, clinicianEnds, contingencyAnswer, contingencyTalk);
    }

    public CallPlan withHangupAfter(double v) {
        return new CallPlan(patience, v, ringSeconds, unansweredRings, talk, agentEnds, wrapUp, transfer, consult,
                clinicianPatience, clinicianTalk, clinicianEnds, contingencyAnswer, contingencyTalk);
    }

    public CallPlan withRing(double seconds, int unanswered) {
        return new CallPlan(patience, hangupAfter, seconds, unanswered, talk, agentEnds, wrapUp, transfer, consult,
                clinicianPatience, clinicianTalk, clinicianEnds, contingencyAnswer, contingencyTalk);
    }

    public CallPlan withAgentEnds(boolean v) {
        return new CallPlan(patience, hangupAfter, ringSeconds, unansweredRings, talk, v, wrapUp, transfer, consult,
                clinicianPatience, clinicianTalk, clinicianEnds, contingencyAnswer, contingencyTalk);
    }

    public CallPlan withWrapUp(double v) {
        return new CallPlan(patience, hangupAfter, ringSeconds, unansweredRings, talk, agentEnds, v, transfer, consult,
                clinicianPatience, clinicianTalk, clinicianEnds, contingencyAnswer, contingencyTalk);
    }

    public CallPlan withTransfer(Transfer kind, double consultSeconds, double clinicianTalkSeconds,
            boolean clinicianEndsCall) {
        return new CallPlan(patience, hangupAfter, ringSeconds, unansweredRings, talk, agentEnds, wrapUp, kind,
                consultSeconds, clinicianPatience, clinicianTalkSeconds, clinicianEndsCall, contingencyAnswer,
                contingencyTalk);
    }

    public CallPlan withContingency(double answerSeconds, double talkSeconds) {
        return new CallPlan(patience, hangupAfter, ringSeconds, unansweredRings, talk, agentEnds, wrapUp, transfer,
                consult, clinicianPatience, clinicianTalk, clinicianEnds, answerSeconds, talkSeconds);
    }
}
