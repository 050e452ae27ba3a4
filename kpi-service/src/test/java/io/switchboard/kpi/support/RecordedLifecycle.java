package io.switchboard.kpi.support;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The lifecycle events call-ingest published for a recorded scenario, replayed to a broker as of now. */
public final class RecordedLifecycle {

    private RecordedLifecycle() {
    }

    public static List<CallLifecycleEvent> load(String scenario) {
        try (InputStream in = RecordedLifecycle.class.getResourceAsStream("/recorded/" + scenario + ".lifecycle.jsonl")) {
            List<CallLifecycleEvent> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(EventJson.fromBytes(line.getBytes(StandardCharsets.UTF_8), CallLifecycleEvent.class));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events moved in time so that the last one happens {@code lastAgo} before now, and in another region. */
    public static List<CallLifecycleEvent> asOfNow(List<CallLifecycleEvent> events, Duration lastAgo, String region) {
        Instant last = events.stream().map(CallLifecycleEvent::occurredAt).max(Instant::compareTo).orElseThrow();
        Duration shift = Duration.between(last, Instant.now().minus(lastAgo));
        return events.stream().map(e -> new CallLifecycleEvent(e.eventId() + "-" + region, e.callId() + "-" + region,
                e.step(), e.sequence(), e.occurredAt().plus(shift), e.pbxId(), e.provider(), region, e.queue(),
                e.agentId(), e.callerToken(), e.waitSeconds(), e.talkSeconds(), e.queuePosition(), e.transferTarget(),
                e.reason())).toList();
    }

    /** Publishes as call-ingest does: keyed by call id, event-time timestamps, CloudEvents headers. */
    public static void publish(String bootstrapServers, List<CallLifecycleEvent> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (CallLifecycleEvent e : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALLS_LIFECYCLE, null,
                        e.occurredAt().toEpochMilli(), e.callId(), EventJson.toBytes(e));
                CloudEventHeaders.write(record.headers(), new CloudEventHeaders.Envelope(e.eventId(), "/test",
                        e.cloudEventType(), e.occurredAt(), e.callId(), null));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
