package io.switchboard.directory.support;

import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.Disposition;
import io.switchboard.events.EventJson;
import io.switchboard.events.Topics;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.events.TriageStatus;
import io.switchboard.testsupport.KafkaTestResource;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces input events as call-ingest and triage-service would: keyed by callId, CloudEvents headers. */
public final class Kafka {

    public static final String PROVIDER = "test-111";
    public static final String CALLER = "caller:0123456789abcdef0123456789abcdef";
    public static final String AGENT = "agent:fedcba9876543210fedcba9876543210";

    private static KafkaProducer<String, byte[]> producer;

    private Kafka() {
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static void send(String topic, String key, byte[] value, CloudEventHeaders.Envelope envelope) {
        send(new ProducerRecord<>(topic, key, value), envelope);
    }

    /** Sends the record (with any headers it has already) and the envelope's CloudEvents headers. */
    public static void send(ProducerRecord<String, byte[]> record, CloudEventHeaders.Envelope envelope) {
        if (envelope != null) {
            CloudEventHeaders.write(record.headers(), envelope);
        }
        try {
            producer().send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public static void lifecycle(CallLifecycleEvent e) {
        send(Topics.CALLS_LIFECYCLE, e.callId(), EventJson.toBytes(e), new CloudEventHeaders.Envelope(e.eventId(),
                "/switchboard/call-ingest", e.cloudEventType(), e.occurredAt(), e.callId(),
                CloudEventHeaders.dataSchemaOf(Topics.CALLS_LIFECYCLE)));
    }

    public static void triage(TriageOutcomeEvent e) {
        send(Topics.TRIAGE_OUTCOMES, e.callId(), EventJson.toBytes(e), new CloudEventHeaders.Envelope(e.eventId(),
                "/switchboard/triage-service", e.cloudEventType(), e.finishedAt(), e.callId(),
                CloudEventHeaders.dataSchemaOf(Topics.TRIAGE_OUTCOMES)));
    }

    /** One lifecycle step; sequence numbers in the order the steps are listed by the caller. */
    public static CallLifecycleEvent step(String callId, String region, CallStep step, int sequence, Instant at,
            String reason) {
        String queue = switch (step) {
            case ANSWERED, ABANDONED, TIMED_OUT, QUEUED -> "call-handler";
            default -> null;
        };
        Double wait = switch (step) {
            case ANSWERED, ABANDONED, TIMED_OUT -> 12.5;
            default -> null;
        };
        return new CallLifecycleEvent(callId + ":" + sequence, callId, step, sequence, at, "test-pbx", PROVIDER,
                region, queue, step == CallStep.ANSWERED ? AGENT : null, CALLER, wait, null, null, null, reason);
    }

    public static TriageOutcomeEvent disposition(String callId, String code, String group, int timeframe,
            double lat, double lon, Instant finishedAt) {
        return new TriageOutcomeEvent(callId + ":triage", callId, "assessment-" + callId, TriageStatus.DISPOSITION_REACHED,
                new Disposition(code, "Test disposition " + code, timeframe, null, group), null, "pathway-1", "1",
                finishedAt.minusSeconds(300), finishedAt, AGENT, new TriageOutcomeEvent.Patient(40, "female"),
                new TriageOutcomeEvent.Location(null, lat, lon), true);
    }
}
