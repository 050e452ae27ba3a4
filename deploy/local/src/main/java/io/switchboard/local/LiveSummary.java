package io.switchboard.local;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingStateEvent;
import io.switchboard.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The local platform's running summary, read from the topics as any consumer would: calls offered and answered,
 * the two NHS 111 targets so far, call outcomes by disposition group and the contingency state.
 */
final class LiveSummary implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private long offered;
    private long answered;
    private long answeredWithin60s;
    private long abandonedAfter30s;
    private long outcomes;
    private final Map<String, Long> byGroup = new TreeMap<>();
    private Boolean contingencyEngaged;
    private long unreadable;

    LiveSummary(String bootstrapServers) {
        consumer = FromTheStart.consumer(bootstrapServers, List.of(Topics.CALLS_LIFECYCLE, Topics.CALLS_OUTCOMES,
                Topics.ROUTING_STATE));
    }

    /** Reads what arrived since the last call and returns the summary line. */
    String update() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
            try {
                accept(r);
            } catch (RuntimeException e) {
                unreadable++;
            }
        }
        return String.format(Locale.ROOT, "calls offered %d, answered %d; answered within 60 s %s (target 95%%),"
                + " abandoned after 30 s %s (target <5%%); outcomes %d by group %s; contingency %s%s", offered,
                answered, share(answeredWithin60s, answered), share(abandonedAfter30s, offered), outcomes, byGroup,
                contingencyEngaged == null ? "never switched" : contingencyEngaged ? "ENGAGED" : "off",
                unreadable == 0 ? "" : "; unreadable records " + unreadable);
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        switch (r.topic()) {
            case Topics.CALLS_LIFECYCLE -> {
                CallLifecycleEvent e = EventJson.fromBytes(r.value(), CallLifecycleEvent.class);
                if (e.step() == CallStep.OFFERED) {
                    offered++;
                } else if (e.step() == CallStep.ANSWERED && "triage".equals(e.queue())) {
                    answered++;
                    if (e.waitSeconds() != null && e.waitSeconds() <= 60) {
                        answeredWithin60s++;
                    }
                } else if (e.step() == CallStep.ABANDONED && "triage".equals(e.queue()) && e.waitSeconds() != null
                        && e.waitSeconds() > 30) {
                    abandonedAfter30s++;
                }
            }
            case Topics.CALLS_OUTCOMES -> {
                CallOutcomeEvent o = EventJson.fromBytes(r.value(), CallOutcomeEvent.class);
                outcomes++;
                byGroup.merge(o.disposition() != null ? o.disposition().group() : o.result().wireName(), 1L,
                        Long::sum);
            }
            default -> {
                RoutingStateEvent s = EventJson.fromBytes(r.value(), RoutingStateEvent.class);
                if (s.contingencyEngaged() != null) {
                    contingencyEngaged = s.contingencyEngaged();
                }
            }
        }
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
