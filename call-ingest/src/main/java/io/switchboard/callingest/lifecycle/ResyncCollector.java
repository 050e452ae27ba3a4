package io.switchboard.callingest.lifecycle;

import io.switchboard.callingest.ami.AmiFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers the PBX's answers to the resync after a (re)connect (QueueStatus's QueueEntry list, CoreShowChannels's
 * CoreShowChannel list) into a {@link PbxSnapshot}, complete once both lists have ended.
 */
public final class ResyncCollector {

    private final String resyncId;
    private final Instant requestedAt;
    private final Set<String> liveLinkedIds = new HashSet<>();
    private final Map<String, AmiFrame> channelsByUniqueid = new HashMap<>();
    private final Map<String, AmiFrame> queueEntriesByUniqueid = new HashMap<>();
    private boolean queuesDone;
    private boolean channelsDone;

    public ResyncCollector(String resyncId, Instant requestedAt) {
        this.resyncId = resyncId;
        this.requestedAt = requestedAt;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    /** True when the frame answers this resync (asterisk-java prefixes our ActionID with its own). */
    public boolean owns(AmiFrame frame) {
        String actionId = frame.actionId();
        return actionId != null && actionId.contains(resyncId + "-");
    }

    public void accept(AmiFrame frame) {
        switch (frame.event()) {
            case "CoreShowChannel" -> {
                liveLinkedIds.add(frame.require("Linkedid"));
                channelsByUniqueid.put(frame.require("Uniqueid"), frame);
            }
            case "QueueEntry" -> queueEntriesByUniqueid.put(frame.require("Uniqueid"), frame);
            case "CoreShowChannelsComplete" -> channelsDone = true;
            case "QueueStatusComplete" -> queuesDone = true;
            default -> {
                // QueueParams, QueueMember: the agent tracker reads the members
            }
        }
    }

    public Optional<PbxSnapshot> snapshot() {
        if (!queuesDone || !channelsDone) {
            return Optional.empty();
        }
        List<PbxSnapshot.LiveCaller> callers = new ArrayList<>();
        channelsByUniqueid.forEach((uniqueid, channel) -> {
            String linkedId = channel.get("Linkedid");
            String name = channel.get("Channel");
            if (!uniqueid.equals(linkedId) || name == null || name.startsWith("Local/")) {
                return;
            }
            AmiFrame entry = queueEntriesByUniqueid.get(uniqueid);
            callers.add(new PbxSnapshot.LiveCaller(linkedId, uniqueid, name, channel.get("CallerIDNum"),
                    channel.get("Exten"), durationSeconds(channel.get("Duration")),
                    entry == null ? null : entry.get("Queue"),
                    entry == null ? 0 : parseInt(entry.get("Position")),
                    entry == null ? 0 : parseInt(entry.get("Wait")),
                    entry == null ? handlerOf(uniqueid, channel) : null));
        });
        return Optional.of(new PbxSnapshot(Set.copyOf(liveLinkedIds), callers));
    }

    /** The queue member bridged to a caller in the Queue application, or null (not answered, or not by a queue). */
    private PbxSnapshot.Handler handlerOf(String callerUniqueid, AmiFrame caller) {
        String bridge = caller.get("BridgeId");
        String data = caller.get("ApplicationData");
        if (bridge == null || bridge.isBlank() || !"Queue".equals(caller.get("Application")) || data == null) {
            return null;
        }
        String queue = data.split(",", 2)[0].trim();
        if (queue.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, AmiFrame> e : channelsByUniqueid.entrySet()) {
            AmiFrame leg = e.getValue();
            String name = leg.get("Channel");
            int suffix = name == null ? -1 : name.lastIndexOf('-');
            if (!e.getKey().equals(callerUniqueid) && bridge.equals(leg.get("BridgeId"))
                    && "AppQueue".equals(leg.get("Application")) && suffix > name.indexOf('/')) {
                return new PbxSnapshot.Handler(queue, name, name.substring(0, suffix),
                        durationSeconds(leg.get("Duration")));
            }
        }
        return null;
    }

    /** CoreShowChannel's Duration is HH:MM:SS. */
    static long durationSeconds(String duration) {
        if (duration == null) {
            return 0;
        }
        long seconds = 0;
        for (String part : duration.split(":")) {
            seconds = seconds * 60 + parseInt(part);
        }
        return seconds;
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
