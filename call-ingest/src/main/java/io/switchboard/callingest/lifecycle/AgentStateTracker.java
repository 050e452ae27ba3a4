package io.switchboard.callingest.lifecycle;

import io.switchboard.callingest.ami.AmiFrame;
import io.switchboard.events.AgentState;
import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.Pseudonymiser;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Queue members' states (logged in/out, paused with reason, available, busy) per queue, published only when they
 * change: Asterisk raises QueueMemberPause even for a pause that changes nothing, and repeats QueueMemberStatus.
 */
public final class AgentStateTracker {

    public static final Set<String> HANDLED = Set.of("QueueMemberPause", "QueueMemberStatus", "QueueMember",
            "QueueMemberAdded", "QueueMemberRemoved");

    private final String pbxId;
    private final LineDirectory lines;
    private final Pseudonymiser pseudonymiser;
    private final LifecycleSink sink;
    private final Map<String, Known> known = new HashMap<>();

    private record Known(AgentState state, String reason) {
    }

    public AgentStateTracker(String pbxId, LineDirectory lines, Pseudonymiser pseudonymiser, LifecycleSink sink) {
        this.pbxId = pbxId;
        this.lines = lines;
        this.pseudonymiser = pseudonymiser;
        this.sink = sink;
    }

    public void onFrame(AmiFrame f) {
        String queue = f.require("Queue");
        // QueueMember (a QueueStatus answer) names the interface "Location"; the live events say "Interface".
        String member = f.get("Interface") != null ? f.get("Interface") : f.require("Location");
        AgentState state;
        String reason = null;
        if ("QueueMemberRemoved".equals(f.event())) {
            state = AgentState.LOGGED_OUT;
        } else if ("1".equals(f.get("Paused"))) {
            state = AgentState.PAUSED;
            String pausedReason = f.get("PausedReason");
            reason = pausedReason == null || pausedReason.isBlank() ? null : pausedReason;
        } else {
            state = fromDeviceStatus(f.get("Status"), f.event());
            if (state == null) {
                return;
            }
        }
        String agentId = pseudonymiser.agent(member);
        Known now = new Known(state, reason);
        if (now.equals(known.put(agentId + "|" + queue, now))) {
            return;
        }
        LineDirectory.Line line = lines.defaultLine();
        sink.agent(new AgentStateEvent(EventIds.of(pbxId, agentId, queue, state.wireName(),
                f.occurredAt().toString()), agentId, state, f.occurredAt(), pbxId, line.provider(), line.region(),
                queue, reason));
    }

    /** Asterisk device states: 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ring+inuse, 8 on hold. */
    private static AgentState fromDeviceStatus(String status, String event) {
        if (status == null) {
            return "QueueMemberAdded".equals(event) ? AgentState.LOGGED_IN : null;
        }
        return switch (status.trim()) {
            case "1" -> AgentState.AVAILABLE;
            case "2", "3", "6", "7", "8" -> AgentState.BUSY;
            case "4", "5" -> AgentState.LOGGED_OUT;
            default -> null;
        };
    }
}
