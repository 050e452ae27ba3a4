package io.switchboard.kpi.streams;

import io.switchboard.kpi.model.SourceClocks;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers on the internal repartition records: which lifecycle partition the record came from and how far that
 * partition's task had got (its stream time), for {@link SourceClocks}. Internal to kpi-service.
 */
final class SourceHeaders {

    static final String PARTITION = "kpi-source-partition";
    static final String STREAM_TIME = "kpi-source-stream-time";

    private SourceHeaders() {
    }

    static void write(Headers headers, int partition, long streamTime) {
        headers.remove(PARTITION).remove(STREAM_TIME);
        headers.add(PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
        headers.add(STREAM_TIME, ByteBuffer.allocate(8).putLong(streamTime).array());
    }

    /** @return the source partition, or -1 when the record has no (readable) source headers */
    static int partition(Headers headers) {
        Header h = headers.lastHeader(PARTITION);
        return h == null || h.value() == null || h.value().length != 4 ? -1 : ByteBuffer.wrap(h.value()).getInt();
    }

    static long streamTime(Headers headers) {
        Header h = headers.lastHeader(STREAM_TIME);
        return h == null || h.value() == null || h.value().length != 8 ? -1 : ByteBuffer.wrap(h.value()).getLong();
    }
}
