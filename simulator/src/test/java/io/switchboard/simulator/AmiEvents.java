package io.switchboard.simulator;

import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.amireplay.RecordedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test helpers over AMI event streams: the recordings' and the simulator's, grouped per call (Linkedid). */
final class AmiEvents {

    /** Dialplan and media noise the comparison ignores (the brief: VarSet, Newexten, RTCP), and the CDRs. */
    static final java.util.Set<String> NOISE = java.util.Set.of("VarSet", "Newexten", "RTCPSent", "RTCPReceived",
            "Cdr");

    private AmiEvents() {
    }

    /** The recorded events of a scenario, without the recorder's own QueueStatus snapshot. */
    static List<AmiMessage> recorded(String scenario) {
        List<AmiMessage> events = new ArrayList<>();
        for (RecordedMessage m : AmiTranscript.load(scenario).messages()) {
            if (m.isEvent() && !m.message().has("ActionID")) {
                events.add(m.message());
            }
        }
        return events;
    }

    /** Epoch seconds of the first byte of the recording. */
    static double recordingStart(String scenario) {
        return AmiTranscript.load(scenario).timing().get(0).epochSeconds();
    }

    /** Seconds from the start of the recording to each message, in stream order (events only, as {@link #recorded}). */
    static List<Double> recordedTimes(String scenario) {
        double start = recordingStart(scenario);
        List<Double> times = new ArrayList<>();
        for (RecordedMessage m : AmiTranscript.load(scenario).messages()) {
            if (m.isEvent() && !m.message().has("ActionID")) {
                times.add(m.recordedAt() - start);
            }
        }
        return times;
    }

    /** The Linkedid of every caller (a channel that starts its own conversation), in order of arrival. */
    static List<String> callers(List<AmiMessage> events) {
        List<String> callers = new ArrayList<>();
        for (AmiMessage e : events) {
            if ("Newchannel".equals(e.eventName()) && e.get("Uniqueid").equals(e.get("Linkedid"))
                    && !e.get("Channel").startsWith("Local/")) {
                callers.add(e.get("Linkedid"));
            }
        }
        return callers;
    }

    /** The CallerIDNum of the caller whose channel started this conversation. */
    static String callerNumber(List<AmiMessage> events, String linkedid) {
        for (AmiMessage e : events) {
            if ("Newchannel".equals(e.eventName()) && linkedid.equals(e.get("Uniqueid"))) {
                return e.get("CallerIDNum");
            }
        }
        throw new IllegalArgumentException("no caller " + linkedid);
    }

    /** Events that carry this Linkedid in any *Linkedid header. */
    static List<AmiMessage> ofCall(List<AmiMessage> events, String linkedid) {
        List<AmiMessage> result = new ArrayList<>();
        for (AmiMessage e : events) {
            for (AmiMessage.Header h : e.headers()) {
                if (h.name().toLowerCase(Locale.ROOT).endsWith("linkedid") && h.value().equals(linkedid)) {
                    result.add(e);
                    break;
                }
            }
        }
        return result;
    }

    static List<AmiMessage> withoutNoise(List<AmiMessage> events) {
        return events.stream().filter(e -> !NOISE.contains(e.eventName())).toList();
    }

    static List<String> types(List<AmiMessage> events) {
        return events.stream().map(AmiMessage::eventName).toList();
    }

    /** The channel an event is about: Channel, else the first header naming a channel. */
    static String owner(AmiMessage e) {
        if (e.get("Channel") != null) {
            return e.get("Channel");
        }
        for (AmiMessage.Header h : e.headers()) {
            if (h.name().endsWith("Channel")) {
                return h.value();
            }
        }
        return "";
    }

    /** Channel names without their sequence suffix, numbered in order of appearance: the role of each channel. */
    static Map<String, String> roles(List<AmiMessage> events) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (AmiMessage e : events) {
            for (AmiMessage.Header h : e.headers()) {
                if (h.name().endsWith("Channel") && !h.value().isEmpty() && !h.value().equals("none")) {
                    roles.computeIfAbsent(h.value(), name -> kind(name) + "#" + roles.size());
                }
            }
        }
        return roles;
    }

    /** PJSIP/agent2-00000003 -> agent; PJSIP/trunk-.. -> trunk; Local/..;2 -> local2. */
    static String kind(String channel) {
        if (channel.startsWith("Local/")) {
            return "local" + channel.substring(channel.length() - 1);
        }
        String endpoint = channel.substring(channel.indexOf('/') + 1, channel.lastIndexOf('-'));
        return endpoint.replaceAll("\\d+$", "");
    }

    /** Per channel role, the sequence of event types it owns. */
    static Map<String, List<String>> perChannel(List<AmiMessage> events) {
        Map<String, String> roles = roles(events);
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (AmiMessage e : events) {
            String role = roles.getOrDefault(owner(e), "?");
            result.computeIfAbsent(role, r -> new ArrayList<>()).add(e.eventName());
        }
        return result;
    }

    /**
     * What call-ingest's CallTracker acts on, in order, with the fields that steer it: the event, the role of its
     * channel, and Queue / Reason / Variable=Value / DestChannel kind / Cause / HoldTime / TalkTime. Newchannel and
     * Hangup count for the caller's own channel only (the tracker ignores the other legs').
     */
    static List<String> callIngestView(List<AmiMessage> events) {
        Map<String, String> roles = roles(events);
        List<String> view = new ArrayList<>();
        for (AmiMessage e : events) {
            String type = e.eventName();
            String role = roles.getOrDefault(owner(e), "?");
            switch (type) {
                case "Newchannel" -> {
                    if (isCallerChannel(e)) {
                        view.add(type + " " + role);
                    }
                }
                case "QueueCallerJoin" -> view.add(type + " " + role + " " + e.get("Queue") + " pos=" + e.get("Position"));
                case "QueueCallerAbandon" -> view.add(type + " " + role + " " + e.get("Queue") + " hold="
                        + e.get("HoldTime"));
                case "AgentConnect" -> view.add(type + " " + role + " " + e.get("Queue") + " hold=" + e.get("HoldTime")
                        + " ring=" + e.get("RingTime"));
                case "AgentComplete" -> view.add(type + " " + role + " " + e.get("Queue") + " " + e.get("Reason")
                        + " talk=" + e.get("TalkTime"));
                case "VarSet" -> {
                    if ("QUEUESTATUS".equals(e.get("Variable"))) {
                        view.add("VarSet " + role + " QUEUESTATUS=" + e.get("Value"));
                    }
                }
                case "DialBegin" -> view.add(type + " " + role + " -> " + kind(e.get("DestChannel")));
                case "BlindTransfer" -> view.add(type + " " + e.get("Result") + " " + e.get("Extension"));
                case "Hangup" -> {
                    if (isCallerChannel(e)) {
                        view.add(type + " " + role + " cause=" + e.get("Cause"));
                    }
                }
                default -> {
                    // not read by the tracker
                }
            }
        }
        return view;
    }

    /** The caller's own channel (Uniqueid = Linkedid): the only Newchannel and Hangup call-ingest acts on. */
    static boolean isCallerChannel(AmiMessage e) {
        return e.get("Uniqueid") != null && e.get("Uniqueid").equals(e.get("Linkedid"))
                && !e.get("Channel").startsWith("Local/");
    }

    /** Header names in order. */
    static List<String> names(AmiMessage e) {
        return e.headers().stream().map(AmiMessage.Header::name).toList();
    }

    /** Multiset difference a - b of event types, e.g. {"Unhold": 1}. */
    static Map<String, Integer> surplus(List<String> a, List<String> b) {
        Map<String, Integer> count = new java.util.TreeMap<>();
        a.forEach(t -> count.merge(t, 1, Integer::sum));
        b.forEach(t -> count.merge(t, -1, Integer::sum));
        count.values().removeIf(v -> v <= 0);
        return count;
    }
}
