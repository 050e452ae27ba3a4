package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A handler assessing a call keeps the caller on the line past the drawn talk time, until the assessment ends. */
class AssessingHandlerTest {

    static Simulation oneCall(double talk) {
        SimulationConfig config = SimulationConfig.builder().seed(1).duration(Duration.ofMinutes(10))
                .randomArrivals(false).roster(Roster.flat(1, 1)).queueTimeout(0).build();
        Simulation sim = Simulation.withoutAmi(config);
        sim.withModel(m -> {
            m.scheduleCall(10, CallPlan.answered(talk).withRing(2, 0).withAgentEnds(true), "01614960001");
            return null;
        });
        return sim;
    }

    @Test
    void withoutAnAssessmentTheTalkEndsAtItsDrawnTime() {
        Simulation sim = oneCall(60);
        sim.runToEnd();
        CallTruth call = sim.groundTruth().calls().get(0);
        assertThat(call.talkSeconds()).isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anAssessmentInProgressHoldsTheTalkUntilItEnds() {
        Simulation sim = oneCall(60);
        List<String> linkedids = new ArrayList<>();
        sim.withModel(m -> {
            // Once answered (10 s + 0.5 s join + 2 s ring), the handler starts assessing...
            m.at(20, () -> m.liveLinkedids().forEach(id -> {
                linkedids.add(id);
                m.assessing(id);
            }));
            // ...and finishes long after the drawn 60 s of talk.
            m.at(300, () -> linkedids.forEach(m::assessed));
            return null;
        });
        sim.runToEnd();
        CallTruth call = sim.groundTruth().calls().get(0);
        assertThat(linkedids).hasSize(1);
        assertThat(call.outcome()).isEqualTo(CallTruth.Outcome.ANSWERED);
        assertThat(call.talkSeconds()).as("from the answer at 12.5 s to the end of the assessment at 300 s")
                .isCloseTo(287.5, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anAssessmentEndingEarlyChangesNothing() {
        Simulation sim = oneCall(60);
        sim.withModel(m -> {
            m.at(20, () -> m.liveLinkedids().forEach(m::assessing));
            m.at(30, () -> m.liveLinkedids().forEach(m::assessed));
            return null;
        });
        sim.runToEnd();
        assertThat(sim.groundTruth().calls().get(0).talkSeconds()).isCloseTo(60.0,
                org.assertj.core.data.Offset.offset(0.01));
    }
}
