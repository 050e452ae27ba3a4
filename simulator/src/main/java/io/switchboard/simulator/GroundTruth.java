package io.switchboard.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every finished call's truth, in the order calls finished: in memory ({@link #calls()}), and optionally as JSON lines
 * in a file, one call per line, flushed as each call ends so a drill can read it while the simulation runs.
 * Thread safe.
 */
public final class GroundTruth implements AutoCloseable {

    private final List<CallTruth> calls = new ArrayList<>();
    private final List<Consumer<CallTruth>> listeners = new CopyOnWriteArrayList<>();
    private Writer file;

    /** Also write every call to this file (created or truncated; parent folders are created). */
    public synchronized GroundTruth writeTo(Path path) {
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            file = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8));
            for (CallTruth call : calls) {
                file.write(call.toJson());
                file.write('\n');
            }
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + path, e);
        }
        return this;
    }

    /** Called with each call as it finishes (on the simulation's thread). */
    public void onCall(Consumer<CallTruth> listener) {
        listeners.add(listener);
    }

    void add(CallTruth call) {
        synchronized (this) {
            calls.add(call);
            if (file != null) {
                try {
                    file.write(call.toJson());
                    file.write('\n');
                    file.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the ground truth", e);
                }
            }
        }
        for (Consumer<CallTruth> listener : listeners) {
            listener.accept(call);
        }
    }

    /** The calls finished so far, in the order they finished. */
    public synchronized List<CallTruth> calls() {
        return List.copyOf(calls);
    }

    /** The JSON lines of the calls finished so far. */
    public synchronized List<String> lines() {
        return calls.stream().map(CallTruth::toJson).toList();
    }

    /** Totals over the calls finished so far. */
    public synchronized Summary summary() {
        Map<CallTruth.Outcome, Integer> byOutcome = new EnumMap<>(CallTruth.Outcome.class);
        for (CallTruth.Outcome o : CallTruth.Outcome.values()) {
            byOutcome.put(o, 0);
        }
        int answeredWithin60 = 0;
        int abandonedAfter30 = 0;
        double waitSum = 0;
        int waited = 0;
        for (CallTruth call : calls) {
            byOutcome.merge(call.outcome(), 1, Integer::sum);
            if (Boolean.TRUE.equals(call.get("answeredWithin60s"))) {
                answeredWithin60++;
            }
            if (Boolean.TRUE.equals(call.get("abandonedAfter30s"))) {
                abandonedAfter30++;
            }
            if (call.waitSeconds() != null) {
                waitSum += call.waitSeconds();
                waited++;
            }
        }
        return new Summary(calls.size(), byOutcome, answeredWithin60, abandonedAfter30,
                waited == 0 ? 0 : waitSum / waited);
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                file = null;
            }
        }
    }

    /**
     * Totals.
     *
     * @param offered          calls that arrived and finished
     * @param answeredWithin60 answered by a handler within 60 s of queueing (exact wait)
     * @param abandonedAfter30 abandoned after waiting more than 30 s (the NHS 111 abandonment definition)
     * @param meanWaitSeconds  mean exact triage wait of the calls that queued
     */
    public record Summary(int offered, Map<CallTruth.Outcome, Integer> byOutcome, int answeredWithin60,
            int abandonedAfter30, double meanWaitSeconds) {

        public int count(CallTruth.Outcome outcome) {
            return byOutcome.getOrDefault(outcome, 0);
        }

        /** Handler-answered calls (answered plus transferred). */
        public int answered() {
            return count(CallTruth.Outcome.ANSWERED) + count(CallTruth.Outcome.TRANSFERRED);
        }

        public double share(CallTruth.Outcome outcome) {
            return offered == 0 ? 0 : (double) count(outcome) / offered;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            s.append(offered).append(" calls:");
            byOutcome.forEach((o, n) -> s.append(' ').append(o.wireName()).append('=').append(n));
            s.append(String.format(java.util.Locale.ROOT, "; answered within 60 s %.1f%% of answered;"
                    + " abandoned after 30 s %.1f%% of offered; mean wait %.1f s",
                    answered() == 0 ? 0 : 100.0 * answeredWithin60 / answered(),
                    offered == 0 ? 0 : 100.0 * abandonedAfter30 / offered, meanWaitSeconds));
            return s.toString();
        }
    }
}
