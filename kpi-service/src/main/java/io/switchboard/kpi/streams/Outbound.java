package io.switchboard.kpi.streams;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** A record a processor sends to a contract topic: already serialised, its CloudEvents headers on the record. */
public record Outbound(String topic, byte[] value) {

    public static final TopicNameExtractor<String, Outbound> TOPIC = (key, value, context) -> value.topic();

    public static Serde<Outbound> serde() {
        return Serdes.serdeFrom((topic, o) -> o == null ? null : o.value(),
                (topic, bytes) -> {
                    throw new UnsupportedOperationException("outbound records are never read back");
                });
    }
}
