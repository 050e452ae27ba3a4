package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The nine recorded scenarios replayed through the model: the same PBX (3 handlers, 1 clinician, queues.conf and
 * extensions.conf), the callers arriving at the recorded moments and behaving as the SIPp scripts did (README.txt of
 * the transcripts), and the driver's AMI actions at their recorded times. The virtual clock starts at the recording's
 * own epoch, so the whole seconds of HoldTime and TalkTime truncate as they did on the real PBX.
 */
final class RecordedScenarios {

    record Run(List<AmiMessage> events, GroundTruth truth, Simulation simulation) {
    }

    private RecordedScenarios() {
    }

    static SimulationConfig.Builder pbx(String scenario, boolean timestamps) {
        double start = AmiEvents.recordingStart(scenario);
        long seconds = (long) Math.floor(start);
        long nanos = Math.round((start - seconds) * 1e9);
        return SimulationConfig.builder()
                .seed(7)
                .start(Instant.ofEpochSecond(seconds, nanos).atZone(ZoneOffset.UTC))
                .duration(Duration.ofSeconds(40))
                .randomArrivals(false)
                .roster(Roster.flat(3, 1))
                .wrapUp(Distribution.fixed(0))
                .queueTimeout(20)
                .clinicianQueueTimeout(60)
                .timestamps(timestamps)
                .dialledNumber("100");
    }

    /** The recorded arrival offsets (seconds from the recording's first byte) of the callers, in order. */
    static List<Double> arrivals(String scenario) {
        List<AmiMessage> events = AmiEvents.recorded(scenario);
        List<Double> times = AmiEvents.recordedTimes(scenario);
        List<Double> arrivals = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AmiMessage e = events.get(i);
            if ("Newchannel".equals(e.eventName()) && e.get("Uniqueid").equals(e.get("Linkedid"))
                    && !e.get("Channel").startsWith("Local/")) {
                arrivals.add(times.get(i));
            }
        }
        return arrivals;
    }

    /** Per caller (in order of arrival), the recorded time it joined the triage queue. */
    static List<Double> joins(String scenario) {
        List<AmiMessage> events = AmiEvents.recorded(scenario);
        List<Double> times = AmiEvents.recordedTimes(scenario);
        java.util.Map<String, Double> joined = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            AmiMessage e = events.get(i);
            if ("QueueCallerJoin".equals(e.eventName())) {
                joined.putIfAbsent(e.get("Linkedid"), times.get(i));
            }
        }
        return AmiEvents.callers(events).stream().map(joined::get).toList();
    }

    static List<String> numbers(String scenario) {
        List<String> numbers = new ArrayList<>();
        for (AmiMessage e : AmiEvents.recorded(scenario)) {
            if ("Newchannel".equals(e.eventName()) && e.get("Uniqueid").equals(e.get("Linkedid"))
                    && !e.get("Channel").startsWith("Local/")) {
                numbers.add(e.get("CallerIDNum"));
            }
        }
        return numbers;
    }

    static Run run(String scenario) {
        return run(scenario, false);
    }

    static Run run(String scenario, boolean timestamps) {
        Simulation sim = new Simulation(pbx(scenario, timestamps).build());
        List<AmiMessage> events = new ArrayList<>();
        sim.addListener(events::add);
        List<Double> at = arrivals(scenario);
        List<String> numbers = numbers(scenario);
        sim.withModel(m -> {
            script(scenario, m, at, numbers);
            return null;
        });
        sim.runToEnd();
        return new Run(events, sim.groundTruth(), sim);
    }

    private static void script(String scenario, ProviderModel m, List<Double> at, List<String> numbers) {
        CallPlan plain = CallPlan.answered(1000); // the caller, not the talk, ends these calls
        switch (scenario) {
            // Agents ring 3 s and never hang up; the caller hangs up 15 s after its 200 OK.
            case "a_answered" -> m.scheduleCall(at.get(0), plain.withRing(3, 0).withHangupAfter(15), numbers.get(0));
            // Agents ring 2.5 s and hang up after 6 s of talk.
            case "a2_agent_hangup" -> m.scheduleCall(at.get(0),
                    new CallPlan(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2.5, 0, 6, true, 0,
                            CallPlan.Transfer.NONE, 0, 0, 0, false, 1, 4), numbers.get(0));
            // Agents never answer within the 8 s member timeout; the caller hangs up 12 s after its 200 OK.
            case "b_abandon" -> m.scheduleCall(at.get(0), plain.withRing(60, 20).withHangupAfter(12), numbers.get(0));
            // Ring 2 s; the driver blind-transfers 3 s into the call; the clinician rings 2 s and hangs up after 8 s.
            case "c_blind_transfer" -> m.scheduleCall(at.get(0),
                    new CallPlan(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2, 0, 3, false, 0,
                            CallPlan.Transfer.BLIND, 0, Double.POSITIVE_INFINITY, 8, true, 1, 4), numbers.get(0));
            // Ring 2 s; Atxfer 3.5 s into the call; the clinician rings 2 s; the driver hangs up the handler 2 s after
            // the clinician answered; the clinician hangs up 8 s later.
            case "c2_attended_transfer" -> m.scheduleCall(at.get(0),
                    new CallPlan(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 2, 0, 3.45, false, 0,
                            CallPlan.Transfer.ATTENDED, 2, Double.POSITIVE_INFINITY, 8, true, 1, 4), numbers.get(0));
            // All handlers paused; the queue times out after 20 s; the desk answers after 1 s and hangs up after 5 s.
            case "d_timeout_contingency" -> {
                m.at(1.014, () -> {
                    for (String agent : List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/agent3")) {
                        m.pause(agent, true, "scenario-d", "triage");
                    }
                });
                m.scheduleCall(at.get(0), plain.withContingency(1, 5), numbers.get(0));
                m.at(28.583, () -> {
                    for (String agent : List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/agent3")) {
                        m.pause(agent, false, "", "triage");
                    }
                });
            }
            // Setvar CONTINGENCY=1; a call; CONTINGENCY=0; DBPut switch/CONTINGENCY=1; a call; DBDel.
            case "e_contingency_switch" -> {
                m.at(1.008, () -> m.setGlobal("CONTINGENCY", "1"));
                m.scheduleCall(at.get(0), plain.withContingency(1, 4), numbers.get(0));
                m.at(7.045, () -> m.setGlobal("CONTINGENCY", "0"));
                m.at(7.5, () -> m.dbPut("switch", "CONTINGENCY", "1"));
                m.scheduleCall(at.get(1), plain.withContingency(1, 4), numbers.get(1));
                m.at(14.0, () -> m.dbDel("switch", "CONTINGENCY"));
            }
            // agent1 paused (Lunch); a call (ring 2 s, the caller hangs up 10 s after its 200 OK); agent1 unpaused,
            // agent2 and agent3 paused without a Queue (Training); a call; agent2 and agent3 unpaused.
            case "f_pause_unpause" -> {
                m.at(1.007, () -> m.pause("PJSIP/agent1", true, "Lunch", "triage"));
                m.scheduleCall(at.get(0), plain.withRing(2, 0).withHangupAfter(10), numbers.get(0));
                m.at(12.073, () -> {
                    m.pause("PJSIP/agent1", false, "", "triage");
                    m.pause("PJSIP/agent2", true, "Training", null);
                    m.pause("PJSIP/agent3", true, "Training", null);
                });
                m.scheduleCall(at.get(1), plain.withRing(2, 0).withHangupAfter(8), numbers.get(1));
                m.at(21.127, () -> {
                    m.pause("PJSIP/agent2", false, "", null);
                    m.pause("PJSIP/agent3", false, "", null);
                });
            }
            // 20 callers in 1.4 s: 4930600n hang up 90 s after their 200 OK, 4930700n after 5 s, 4930800n after
            // 12 s. Handlers ring 2 s and hang up after 6 s; the desk answers after 1 s and hangs up after 4 s.
            case "g_burst" -> {
                // Twenty INVITEs within milliseconds: which caller joined the queue first was decided by Answer()'s
                // media wait, so each caller arrives here 0.5 s before its recorded QueueCallerJoin.
                List<Double> joins = joins(scenario);
                for (int i = 0; i < at.size(); i++) {
                    String number = numbers.get(i);
                    double limit = number.startsWith("49307") ? 5 : number.startsWith("49308") ? 12 : 90;
                    m.scheduleCall(joins.get(i) - 0.5, new CallPlan(Double.POSITIVE_INFINITY, limit + at.get(i)
                            - (joins.get(i) - 0.5), 2, 0, 6, true, 0,
                            CallPlan.Transfer.NONE, 0, 0, 0, false, 1, 4), number);
                }
            }
            default -> throw new IllegalArgumentException(scenario);
        }
    }
}
