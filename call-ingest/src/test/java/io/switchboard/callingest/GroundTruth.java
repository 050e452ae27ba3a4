package io.switchboard.callingest;

import io.switchboard.events.CallLifecycleEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What happened to every caller in the recorded scenarios, transcribed from the recordings' README and SUMMARY
 * (the ground truth written when they were recorded), as compact step lines. Keyed by the caller's number, which
 * appears here only as test data: the adapter never publishes it.
 */
public final class GroundTruth {

    private GroundTruth() {
    }

    public static final Map<String, Map<String, List<String>>> BY_SCENARIO = Map.of(
            "a_answered", Map.of("49305550011", List.of("offered", "queued triage pos=1",
                    "answered triage wait=3", "ended talk=11 caller-hangup")),
            "a2_agent_hangup", Map.of("49305550021", List.of("offered", "queued triage pos=1",
                    "answered triage wait=3", "ended talk=6 agent-hangup")),
            "b_abandon", Map.of("49305550031", List.of("offered", "queued triage pos=1",
                    "abandoned triage wait=11 pos=1", "ended abandoned")),
            "c_blind_transfer", Map.of("49305550041", List.of("offered", "queued triage pos=1",
                    "answered triage wait=2", "transferred triage ->clinician talk=3", "queued clinician pos=1",
                    "answered clinician wait=2", "ended talk=11 agent-hangup")),
            "c2_attended_transfer", Map.of("49305550051", List.of("offered", "queued triage pos=1",
                    "answered triage wait=2", "queued clinician pos=1", "answered clinician wait=2",
                    "transferred triage ->clinician talk=7", "ended talk=17 agent-hangup")),
            "d_timeout_contingency", Map.of("49305550061", List.of("offered", "queued triage pos=1",
                    "timed-out triage wait=20 pos=1 queue-timeout", "contingency-routed triage queue-timeout",
                    "ended contingency-complete")),
            "e_contingency_switch", Map.of(
                    "49305550071", List.of("offered", "contingency-routed switch-engaged", "ended contingency-complete"),
                    "49305550081", List.of("offered", "contingency-routed switch-engaged", "ended contingency-complete")),
            "f_pause_unpause", Map.of(
                    "49305550091", List.of("offered", "queued triage pos=1", "answered triage wait=2",
                            "ended talk=7 caller-hangup"),
                    "49305550101", List.of("offered", "queued triage pos=1", "answered triage wait=2",
                            "ended talk=5 caller-hangup")),
            "g_burst", gBurst());

    private static Map<String, List<String>> gBurst() {
        return Map.ofEntries(
                Map.entry("49306001", List.of("offered", "queued triage pos=1", "answered triage wait=2", "ended talk=6 agent-hangup")),
                Map.entry("49308001", List.of("offered", "queued triage pos=2", "answered triage wait=2", "ended talk=6 agent-hangup")),
                Map.entry("49307001", List.of("offered", "queued triage pos=3", "answered triage wait=2", "ended talk=2 caller-hangup")),
                Map.entry("49308002", List.of("offered", "queued triage pos=5", "answered triage wait=10", "ended talk=1 caller-hangup")),
                Map.entry("49306002", List.of("offered", "queued triage pos=4", "answered triage wait=7", "ended talk=6 agent-hangup")),
                Map.entry("49307002", List.of("offered", "queued triage pos=6", "abandoned triage wait=4 pos=3", "ended abandoned")),
                Map.entry("49308003", List.of("offered", "queued triage pos=7", "answered triage wait=10", "ended talk=1 caller-hangup")),
                Map.entry("49306003", List.of("offered", "queued triage pos=8", "answered triage wait=14", "ended talk=6 agent-hangup")),
                Map.entry("49307003", List.of("offered", "queued triage pos=9", "abandoned triage wait=4 pos=5", "ended abandoned")),
                Map.entry("49306004", List.of("offered", "queued triage pos=10", "answered triage wait=14", "ended talk=6 agent-hangup")),
                Map.entry("49306005", List.of("offered", "queued triage pos=11", "answered triage wait=15", "ended talk=6 agent-hangup")),
                timedOut("49306006", 12), timedOut("49306007", 13), timedOut("49306008", 14),
                timedOut("49306009", 15), timedOut("493060010", 16), timedOut("493060011", 17),
                timedOut("493060012", 18), timedOut("493060013", 19), timedOut("493060014", 20));
    }

    private static Map.Entry<String, List<String>> timedOut(String caller, int joinPosition) {
        return Map.entry(caller, List.of("offered", "queued triage pos=" + joinPosition,
                "timed-out triage wait=20 pos=1 queue-timeout", "contingency-routed triage queue-timeout",
                "ended contingency-complete"));
    }

    /** One event as a compact line: step, queue, wait, talk, position, transfer target, reason. */
    public static String render(CallLifecycleEvent e) {
        List<String> parts = new ArrayList<>();
        parts.add(e.step().wireName());
        if (e.queue() != null) {
            parts.add(e.queue());
        }
        if (e.transferTarget() != null) {
            parts.add("->" + e.transferTarget());
        }
        if (e.waitSeconds() != null) {
            parts.add("wait=" + Math.round(e.waitSeconds()));
        }
        if (e.talkSeconds() != null) {
            parts.add("talk=" + Math.round(e.talkSeconds()));
        }
        if (e.queuePosition() != null && e.step() != io.switchboard.events.CallStep.ANSWERED) {
            parts.add("pos=" + e.queuePosition());
        }
        if (e.reason() != null) {
            parts.add(e.reason());
        }
        return String.join(" ", parts);
    }
}
