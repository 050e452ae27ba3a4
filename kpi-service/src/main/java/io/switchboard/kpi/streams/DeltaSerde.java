package io.switchboard.kpi.streams;

import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.KpiDelta;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * KPI contributions on the internal repartition topic, in a compact binary form: every lifecycle event becomes one
 * to four of them, so their encoding is on the hot path (JSON here cost a third of the topology's throughput).
 */
public final class DeltaSerde implements Serde<KpiDelta> {

    private static final byte VERSION = 1;
    private static final KpiDelta.Kind[] KINDS = KpiDelta.Kind.values();

    @Override
    public Serializer<KpiDelta> serializer() {
        return (topic, d) -> {
            if (d == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                out.writeUTF(d.group().provider());
                out.writeUTF(d.group().region());
                out.writeUTF(d.group().queue());
                out.writeLong(d.atMillis());
                out.writeByte(d.kind().ordinal());
                out.writeDouble(d.waitSeconds());
                out.writeUTF(d.callId() == null ? "" : d.callId());
                out.writeInt(d.position());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<KpiDelta> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new IllegalStateException("unknown KPI delta encoding " + version);
                }
                GroupKey group = new GroupKey(in.readUTF(), in.readUTF(), in.readUTF());
                return new KpiDelta(group, in.readLong(), KINDS[in.readByte()], in.readDouble(), in.readUTF(),
                        in.readInt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
