package io.switchboard.drill;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.EventJson;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingStateEvent;
import io.switchboard.events.Topics;
import io.switchboard.local.FromTheStart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What the platform published during a drill, read from the broker as any downstream consumer would: every call's
 * lifecycle, the routing commands and what the PBX did with them, and anything sent to a dead-letter topic.
 */
final class PlatformObserver implements AutoCloseable {

    /** One call as the platform saw it. */
    static final class ObservedCall {
        Instant offeredAt;
        final List<CallStep> steps = new ArrayList<>();
        int ends;
        String endReason;
        Instant endedAt;
        /** Wall clock (ms) when the first answered event was read, and when the call outcome was. */
        long answeredSeenAt;
        long outcomeSeenAt;
        final List<CallOutcomeEvent> outcomes = new ArrayList<>();
        final List<TriageOutcomeEvent> triage = new ArrayList<>();
    }

    record DeadLetter(String topic, String excerpt) {
    }

    static final List<String> WATCHED = List.of(Topics.CALLS_LIFECYCLE, Topics.ROUTING_COMMANDS, Topics.ROUTING_STATE,
            Topics.TRIAGE_OUTCOMES, Topics.CALLS_OUTCOMES, Topics.deadLetterOf(Topics.CALLS_LIFECYCLE),
            Topics.deadLetterOf(Topics.ROUTING_COMMANDS), Topics.deadLetterOf(Topics.TRIAGE_OUTCOMES));

    private final Map<String, ObservedCall> calls = new HashMap<>();
    private final List<CallLifecycleEvent> lifecycle = new ArrayList<>();
    private final List<RoutingCommand> commands = new ArrayList<>();
    private final List<RoutingStateEvent> states = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<String> unreadable = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;
    private final String region;

    PlatformObserver(String bootstrapServers, String region) {
        this.region = region;
        KafkaConsumer<byte[], byte[]> consumer = FromTheStart.consumer(bootstrapServers, WATCHED);
        reader = new Thread(() -> read(consumer), "drill-observer");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer) {
        try (consumer) {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    synchronized (this) {
                        accept(record);
                    }
                }
            }
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.CALLS_LIFECYCLE -> lifecycle(EventJson.fromBytes(record.value(), CallLifecycleEvent.class));
                case Topics.ROUTING_COMMANDS -> commands.add(EventJson.fromBytes(record.value(), RoutingCommand.class));
                case Topics.ROUTING_STATE -> states.add(EventJson.fromBytes(record.value(), RoutingStateEvent.class));
                case Topics.TRIAGE_OUTCOMES -> {
                    TriageOutcomeEvent t = EventJson.fromBytes(record.value(), TriageOutcomeEvent.class);
                    calls.computeIfAbsent(t.callId(), id -> new ObservedCall()).triage.add(t);
                }
                case Topics.CALLS_OUTCOMES -> {
                    CallOutcomeEvent o = EventJson.fromBytes(record.value(), CallOutcomeEvent.class);
                    if (region.equals(o.region())) {
                        ObservedCall call = calls.computeIfAbsent(o.callId(), id -> new ObservedCall());
                        call.outcomes.add(o);
                        if (call.outcomeSeenAt == 0) {
                            call.outcomeSeenAt = System.currentTimeMillis();
                        }
                    }
                }
                default -> deadLetters.add(new DeadLetter(record.topic(), excerpt(record.value())));
            }
        } catch (RuntimeException e) {
            unreadable.add(record.topic() + "@" + record.offset() + ": " + e.getMessage());
        }
    }

    private void lifecycle(CallLifecycleEvent event) {
        if (!region.equals(event.region())) {
            return;
        }
        lifecycle.add(event);
        ObservedCall call = calls.computeIfAbsent(event.callId(), id -> new ObservedCall());
        call.steps.add(event.step());
        if (event.step() == CallStep.ANSWERED && call.answeredSeenAt == 0) {
            call.answeredSeenAt = System.currentTimeMillis();
        }
        if (event.step() == CallStep.OFFERED && call.offeredAt == null) {
            call.offeredAt = event.occurredAt();
        }
        if (event.step() == CallStep.ENDED) {
            call.ends++;
            call.endReason = event.reason();
            call.endedAt = event.occurredAt();
        }
    }

    private static String excerpt(byte[] value) {
        if (value == null) {
            return "(no value)";
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    synchronized Map<String, ObservedCall> calls() {
        return Map.copyOf(calls);
    }

    /** Every lifecycle event of the drilled region, in the order published (kept with the report for audit). */
    synchronized List<CallLifecycleEvent> lifecycle() {
        return List.copyOf(lifecycle);
    }

    synchronized long endedCalls() {
        return calls.values().stream().filter(c -> c.ends > 0).count();
    }

    synchronized long callsWithOutcome() {
        return calls.values().stream().filter(c -> !c.outcomes.isEmpty()).count();
    }

    /** How many of these calls have ended and have an outcome. */
    synchronized long finishedAmong(java.util.Set<String> callIds) {
        return callIds.stream().map(calls::get)
                .filter(c -> c != null && c.ends > 0 && !c.outcomes.isEmpty()).count();
    }

    synchronized List<RoutingCommand> contingencyCommands() {
        return commands.stream().filter(c -> region.equals(c.region()) && c.callId() == null).toList();
    }

    synchronized List<RoutingStateEvent> contingencyStates() {
        return states.stream().filter(s -> region.equals(s.region()) && s.contingencyEngaged() != null).toList();
    }

    /** What the PBX did with the transfers triage asked for (routing.state.v1, transfer-call). */
    synchronized Map<String, Long> transferResults() {
        Map<String, Long> results = new java.util.TreeMap<>();
        states.stream().filter(s -> s.kind() == io.switchboard.events.RoutingCommandKind.TRANSFER_CALL)
                .forEach(s -> results.merge(s.result().wireName(), 1L, Long::sum));
        return results;
    }

    synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    synchronized List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    @Override
    public void close() {
        running.set(false);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
