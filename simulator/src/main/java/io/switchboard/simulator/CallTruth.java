package io.switchboard.simulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The true story of one call, as the model lived it: one JSON object per call in the ground-truth file. Seconds are
 * exact model durations; the {@code pbx*} fields are the whole seconds the PBX reported in its events (HoldTime,
 * TalkTime), which is what a consumer of the AMI stream can know.
 *
 * <p>Fields (absent when they do not apply): {@code linkedid}, {@code callerNumber}, {@code channel},
 * {@code arrivedAt} (virtual time, ISO-8601), {@code route} (queue, contingency-switch), {@code outcome}
 * ({@link Outcome}), {@code queue}, {@code position} (at joining), {@code waitSeconds}, {@code pbxHoldTime},
 * {@code answeredAt}, {@code agent} (interface), {@code ringAttempts}, {@code talkSeconds}, {@code pbxTalkTime},
 * {@code endedBy} (caller, agent, clinician, contingency-desk), {@code transfer} (blind, attended),
 * {@code transferredAt}, {@code clinicianOutcome} (answered, abandoned, timed-out), {@code clinicianWaitSeconds},
 * {@code clinicianPbxHoldTime}, {@code clinician}, {@code clinicianTalkSeconds}, {@code clinicianPbxTalkTime},
 * {@code contingencyReason} (switch-engaged, queue-timeout), {@code contingencyAt}, {@code contingencyAnsweredAt},
 * {@code contingencyTalkSeconds}, {@code endedAt}, {@code answeredWithin60s}, {@code abandonedAfter30s}.
 */
public final class CallTruth {

    /** How the call ended up, from the caller's side of the front door. */
    public enum Outcome {
        /** Answered by a call handler (and not transferred). */
        ANSWERED("answered"),
        /** Answered by a call handler, then transferred to the clinician queue (blind or attended). */
        TRANSFERRED("transferred"),
        /** The caller hung up while waiting in the triage queue. */
        ABANDONED("abandoned"),
        /** The triage queue timed out and the call went to the contingency desk. */
        TIMED_OUT("timed-out"),
        /** The contingency switch was on: the call went straight to the contingency desk. */
        CONTINGENCY("contingency");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Outcome of(String wireName) {
            for (Outcome o : values()) {
                if (o.wireName.equals(wireName)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown outcome " + wireName);
        }
    }

    private final Map<String, Object> fields;

    CallTruth(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Every field, in JSON order. */
    public Map<String, Object> fields() {
        return fields;
    }

    public String linkedid() {
        return (String) fields.get("linkedid");
    }

    public String callerNumber() {
        return (String) fields.get("callerNumber");
    }

    public Instant arrivedAt() {
        return Instant.parse((String) fields.get("arrivedAt"));
    }

    public Outcome outcome() {
        return Outcome.of((String) fields.get("outcome"));
    }

    /** Exact wait in the triage queue (seconds), or null when the call never queued. */
    public Double waitSeconds() {
        return (Double) fields.get("waitSeconds");
    }

    /** The HoldTime the PBX reported (AgentConnect or QueueCallerAbandon), or null. */
    public Integer pbxHoldTime() {
        return (Integer) fields.get("pbxHoldTime");
    }

    public Double talkSeconds() {
        return (Double) fields.get("talkSeconds");
    }

    public Integer pbxTalkTime() {
        return (Integer) fields.get("pbxTalkTime");
    }

    public String endedBy() {
        return (String) fields.get("endedBy");
    }

    public String transfer() {
        return (String) fields.get("transfer");
    }

    public String clinicianOutcome() {
        return (String) fields.get("clinicianOutcome");
    }

    public String contingencyReason() {
        return (String) fields.get("contingencyReason");
    }

    public String agent() {
        return (String) fields.get("agent");
    }

    public Integer position() {
        return (Integer) fields.get("position");
    }

    /** Any field by name, or null. */
    public Object get(String field) {
        return fields.get(field);
    }

    /** One line of the ground-truth file. */
    public String toJson() {
        return Json.write(fields);
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** The fields in their JSON order; a draft fills them in as the call goes. */
    static final List<String> ORDER = List.of("linkedid", "callerNumber", "channel", "arrivedAt", "route", "outcome",
            "queue", "position", "waitSeconds", "pbxHoldTime", "answeredAt", "agent", "ringAttempts", "talkSeconds",
            "pbxTalkTime", "endedBy", "transfer", "transferredAt", "clinicianOutcome", "clinicianWaitSeconds",
            "clinicianPbxHoldTime", "clinician", "clinicianTalkSeconds", "clinicianPbxTalkTime", "contingencyReason",
            "contingencyAt", "contingencyAnsweredAt", "contingencyTalkSeconds", "endedAt", "answeredWithin60s",
            "abandonedAfter30s");

    /** Mutable while the call is in progress. */
    static final class Draft {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Draft put(String key, Object value) {
            if (!ORDER.contains(key)) {
                throw new IllegalArgumentException("not a ground-truth field: " + key);
            }
            values.put(key, value);
            return this;
        }

        Object get(String key) {
            return values.get(key);
        }

        CallTruth freeze() {
            Map<String, Object> ordered = new LinkedHashMap<>();
            for (String key : ORDER) {
                if (values.containsKey(key)) {
                    ordered.put(key, values.get(key));
                }
            }
            return new CallTruth(ordered);
        }
    }
}
