package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import java.util.List;

/** Public door to the recorded-scenario re-enactments, for tests in other packages. */
public final class TestScenarios {

    private TestScenarios() {
    }

    /** The simulated AMI events of a recorded scenario (see RecordedScenarios). */
    public static List<AmiMessage> recorded(String scenario) {
        return RecordedScenarios.run(scenario).events();
    }
}
