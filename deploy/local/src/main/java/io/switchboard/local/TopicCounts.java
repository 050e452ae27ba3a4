package io.switchboard.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** How many records each topic holds (sum of end offsets), for the platform's live status line. */
final class TopicCounts implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicCounts(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Map<String, Long> recordsPerTopic(List<String> topics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String topic : topics) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            counts.put(topic, total);
        }
        return counts;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
