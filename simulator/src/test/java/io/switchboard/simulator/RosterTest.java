package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.amireplay.AmiMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shifts: handlers log in and out with the roster, as dynamic queue members, and take their breaks. */
class RosterTest {

    @Test
    void handlersFollowTheRosterHourByHour() {
        SimulationConfig config = SimulationConfig.builder().seed(4).duration(Duration.ofDays(1))
                .breakEvery(Duration.ofHours(2)).build(); // the default roster, matched to the default profile
        assertThat(config.roster.varies()).isTrue();
        Simulation sim = new Simulation(config);
        List<AmiMessage> shifts = new ArrayList<>();
        List<AmiMessage> pauses = new ArrayList<>();
        sim.addListener(m -> {
            if (m.eventName().startsWith("QueueMemberAdded") || m.eventName().startsWith("QueueMemberRemoved")) {
                shifts.add(m);
            } else if ("QueueMemberPause".equals(m.eventName())) {
                pauses.add(m);
            }
        });
        for (int hour = 0; hour < 24; hour++) {
            double halfPast = hour * 3600 + 1800;
            sim.runUntil(halfPast);
            int target = config.roster.handlersAt(config.localTime(halfPast));
            int loggedIn = sim.peek(m -> m.loggedIn("triage"));
            // Handlers whose shift ended finish their call first: at half past, at most a couple are still on one.
            assertThat(loggedIn).as("handlers at %02d:30 (roster %d)", hour, target).isBetween(target, target + 2);
        }
        sim.runToEnd();
        assertThat(shifts).extracting(AmiMessage::eventName).contains("QueueMemberAdded", "QueueMemberRemoved");
        Map<String, Set<List<String>>> recorded = FidelityTest.recordedHeaderNames();
        for (AmiMessage m : shifts) {
            assertThat(m.get("Membership")).isEqualTo("dynamic");
            // timestampevents=yes adds Timestamp after Privilege; the recordings were made without it
            assertThat(recorded.get("QueueMemberStatus"))
                    .contains(AmiEvents.names(m).stream().filter(n -> !n.equals("Timestamp")).toList());
            assertThat(AmiEvents.names(m).get(2)).isEqualTo("Timestamp");
        }
        assertThat(pauses).isNotEmpty().allSatisfy(p -> assertThat(p.get("PausedReason"))
                .isIn("Break", ""));
        assertThat(pauses.stream().filter(p -> "1".equals(p.get("Paused")))).isNotEmpty();
        assertThat(sim.groundTruth().summary().offered()).isGreaterThan(1400);
    }
}
