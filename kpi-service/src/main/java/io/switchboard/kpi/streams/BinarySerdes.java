package io.switchboard.kpi.streams;

import io.switchboard.kpi.model.CallState;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.model.KpiDelta;
import io.switchboard.kpi.model.WaitingCalls;
import java.util.HashMap;
import java.util.HashSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Compact binary encodings for the three state-store values touched by every lifecycle event (a store serialises
 * on every read and write, so JSON here cost most of the topology's time). Each starts with a version byte so the
 * encoding can change without breaking restores from older changelogs.
 */
final class BinarySerdes {

    private static final byte V1 = 1;

    private BinarySerdes() {
    }

    interface Writer<T> {
        void write(Codec.Writer out, T value);
    }

    static <T> Serde<T> of(Writer<T> writer, Function<Codec.Reader, T> reader, int sizeHint) {
        return Serdes.serdeFrom((topic, value) -> {
            if (value == null) {
                return null;
            }
            Codec.Writer out = new Codec.Writer(sizeHint).putByte(V1);
            writer.write(out, value);
            return out.toBytes();
        }, (topic, data) -> {
            if (data == null) {
                return null;
            }
            Codec.Reader in = new Codec.Reader(data);
            int version = in.getByte();
            if (version != V1) {
                throw new IllegalStateException("unknown state encoding " + version + " in " + topic);
            }
            return reader.apply(in);
        });
    }

    static Serde<KpiCounts> counts() {
        return of((out, c) -> out.putLong(c.offered).putLong(c.answered).putLong(c.answeredWithin60s)
                .putDouble(c.answeredWaitSeconds).putLong(c.abandonedUpTo30s).putLong(c.abandoned30To60s)
                .putLong(c.abandonedOver60s).putLong(c.timedOut).putLong(c.contingencyRouted)
                .putLong(c.transferredToClinician), in -> {
                    KpiCounts c = new KpiCounts();
                    c.offered = in.getLong();
                    c.answered = in.getLong();
                    c.answeredWithin60s = in.getLong();
                    c.answeredWaitSeconds = in.getDouble();
                    c.abandonedUpTo30s = in.getLong();
                    c.abandoned30To60s = in.getLong();
                    c.abandonedOver60s = in.getLong();
                    c.timedOut = in.getLong();
                    c.contingencyRouted = in.getLong();
                    c.transferredToClinician = in.getLong();
                    return c;
                }, 96);
    }

    static Serde<CallState> calls() {
        return of((out, c) -> {
            int counted = 0;
            for (KpiDelta.Kind kind : c.countedForService) {
                counted |= 1 << kind.ordinal();
            }
            out.putInt(counted).putString(c.waitingIn).putLong(c.waitingSince).putLong(c.lastExitAt)
                    .putLong(c.endedAt).putInt(c.seenEventIds.size());
            for (String id : c.seenEventIds) {
                out.putString(id);
            }
        }, in -> {
            CallState c = new CallState();
            int counted = in.getInt();
            for (KpiDelta.Kind kind : KpiDelta.Kind.values()) {
                if ((counted & (1 << kind.ordinal())) != 0) {
                    c.countedForService.add(kind);
                }
            }
            String waitingIn = in.getString();
            c.waitingIn = waitingIn.isEmpty() ? null : waitingIn;
            c.waitingSince = in.getLong();
            c.lastExitAt = in.getLong();
            c.endedAt = in.getLong();
            int seen = in.getInt();
            c.seenEventIds = new HashSet<>(seen * 2);
            for (int i = 0; i < seen; i++) {
                c.seenEventIds.add(in.getString());
            }
            return c;
        }, 320);
    }

    static Serde<WaitingCalls> waiting() {
        return of((out, w) -> {
            out.putInt(w.since.size());
            w.since.forEach((callId, since) -> out.putString(callId).putLong(since));
        }, in -> {
            WaitingCalls w = new WaitingCalls();
            int size = in.getInt();
            w.since = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                w.since.put(in.getString(), in.getLong());
            }
            return w;
        }, 256);
    }
}
