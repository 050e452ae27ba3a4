package io.switchboard.amireplay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A recorded AMI connection of a real Asterisk 22.10.1, loaded from the classpath (see {@code transcripts/README.txt}
 * beside the files for how they were recorded).
 *
 * <p>Three files make one transcript {@code <s>}: {@code <s>.ami}, the raw bytes the recorder received (banner, then
 * CRLF CRLF terminated messages); {@code <s>.ami.timing}, one {@code <offset>\t<epoch seconds>} line per recv()
 * chunk; and {@code <s>.ami.sent}, the actions the recorder sent (Login, QueueStatus, Logoff), whose ActionIDs appear
 * in the responses of the stream.
 *
 * <p>Instances are immutable and cached: loading a scenario twice returns the same object.
 */
public final class AmiTranscript {

    /** The nine recorded scenarios, in the order they were recorded (the Uniqueid counters grow in this order). */
    public static final List<String> SCENARIOS = List.of(
            "a_answered",
            "a2_agent_hangup",
            "b_abandon",
            "c_blind_transfer",
            "c2_attended_transfer",
            "d_timeout_contingency",
            "e_contingency_switch",
            "f_pause_unpause",
            "g_burst");

    /** Classpath folder of the recordings and their documentation (README.txt, SUMMARY.txt, EVENT_CATALOG.txt). */
    public static final String RESOURCE_FOLDER = "/io/switchboard/amireplay/transcripts/";

    private static final byte[] MESSAGE_END = {'\r', '\n', '\r', '\n'};
    private static final Map<String, AmiTranscript> CACHE = new ConcurrentHashMap<>();

    /** The arrival time of one recv() chunk: the chunk starts at {@code offset} in the raw stream. */
    public record TimingMark(int offset, double epochSeconds) {
    }

    private final String name;
    private final byte[] raw;
    private final String banner;
    private final List<TimingMark> timing;
    private final List<AmiMessage> sentActions;
    private final List<RecordedMessage> messages;

    private AmiTranscript(String name, byte[] raw, List<TimingMark> timing, List<AmiMessage> sentActions) {
        this.name = name;
        this.raw = raw;
        this.timing = timing;
        this.sentActions = sentActions;
        int bannerEnd = indexOf(raw, new byte[] {'\r', '\n'}, 0);
        if (bannerEnd < 0) {
            throw new IllegalStateException(name + ": no banner line");
        }
        this.banner = new String(raw, 0, bannerEnd, StandardCharsets.ISO_8859_1);
        this.messages = split(bannerEnd + 2);
    }

    /** Loads the recorder connection of a scenario ({@code <s>.ami}), the stream the replay server plays. */
    public static AmiTranscript load(String scenario) {
        return loadStream(requireKnown(scenario));
    }

    /**
     * Loads the second connection of a scenario ({@code <s>.ctl.ami}), the one that drove it with QueuePause, Setvar,
     * BlindTransfer, ... Its stream holds the Asterisk responses to those actions; useful for fidelity tests.
     */
    public static AmiTranscript loadDriverConnection(String scenario) {
        return loadStream(requireKnown(scenario) + ".ctl");
    }

    /** Reads any file of the transcripts folder, e.g. {@code "SUMMARY.txt"} or {@code "pbx-config/queues.conf"}. */
    public static byte[] readResource(String fileName) {
        try (InputStream in = AmiTranscript.class.getResourceAsStream(RESOURCE_FOLDER + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no such transcript resource: " + RESOURCE_FOLDER + fileName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName, e);
        }
    }

    private static String requireKnown(String scenario) {
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("unknown scenario '" + scenario + "', known: " + SCENARIOS);
        }
        return scenario;
    }

    private static AmiTranscript loadStream(String name) {
        return CACHE.computeIfAbsent(name, n -> new AmiTranscript(
                n,
                readResource(n + ".ami"),
                parseTiming(n, new String(readResource(n + ".ami.timing"), StandardCharsets.US_ASCII)),
                parseSent(readResource(n + ".ami.sent"))));
    }

    private static List<TimingMark> parseTiming(String name, String text) {
        List<TimingMark> marks = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split("\t");
            if (fields.length != 2) {
                throw new IllegalStateException(name + ".ami.timing: bad line '" + line + "'");
            }
            marks.add(new TimingMark(Integer.parseInt(fields[0]), Double.parseDouble(fields[1])));
        }
        if (marks.isEmpty() || marks.get(0).offset() != 0) {
            throw new IllegalStateException(name + ".ami.timing must start at offset 0");
        }
        return List.copyOf(marks);
    }

    private static List<AmiMessage> parseSent(byte[] sent) {
        return messageBounds("sent actions", sent, 0).stream()
                .map(b -> AmiMessage.fromRecording(Arrays.copyOfRange(sent, b[0], b[1])))
                .toList();
    }

    private List<RecordedMessage> split(int from) {
        List<RecordedMessage> result = new ArrayList<>();
        for (int[] bounds : messageBounds(name + ".ami", raw, from)) {
            AmiMessage message = AmiMessage.fromRecording(Arrays.copyOfRange(raw, bounds[0], bounds[1]));
            result.add(new RecordedMessage(result.size(), bounds[0], recordedAt(bounds[0]), message));
        }
        return List.copyOf(result);
    }

    /**
     * The [start, end) byte ranges of the CRLF CRLF terminated messages from {@code from} on; a trailing partial
     * message means a damaged recording.
     */
    private static List<int[]> messageBounds(String what, byte[] stream, int from) {
        List<int[]> bounds = new ArrayList<>();
        int start = from;
        while (start < stream.length) {
            int end = indexOf(stream, MESSAGE_END, start);
            if (end < 0) {
                throw new IllegalStateException(what + ": truncated AMI message at offset " + start);
            }
            bounds.add(new int[] {start, end + MESSAGE_END.length});
            start = end + MESSAGE_END.length;
        }
        return bounds;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The transcript name: the scenario, with a {@code .ctl} suffix for a driver connection. */
    public String name() {
        return name;
    }

    /** The raw recorded bytes, banner included (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** The banner line without its CRLF: {@code Asterisk Call Manager/11.0.0}. */
    public String banner() {
        return banner;
    }

    /** The banner line as sent on the wire, CRLF included. */
    public byte[] bannerBytes() {
        return (banner + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The recv() chunks with their arrival times, by increasing offset. */
    public List<TimingMark> timing() {
        return timing;
    }

    /** Arrival time (epoch seconds) of the chunk that holds the byte at {@code offset}. */
    public double recordedAt(int offset) {
        int low = 0;
        int high = timing.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (timing.get(mid).offset() <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return timing.get(low).epochSeconds();
    }

    /** The actions the recorder sent on this connection ({@code <s>.ami.sent}), in order. */
    public List<AmiMessage> sentActions() {
        return sentActions;
    }

    /** The first recorded action with this name (ignoring case), e.g. {@code "QueueStatus"}. */
    public Optional<AmiMessage> sentAction(String actionName) {
        return sentActions.stream().filter(a -> actionName.equalsIgnoreCase(a.actionName())).findFirst();
    }

    /** The name of the recorded action that used this ActionID, if any. */
    public Optional<String> actionNameFor(String actionId) {
        return sentActions.stream()
                .filter(a -> actionId != null && actionId.equals(a.actionId()))
                .map(AmiMessage::actionName)
                .findFirst();
    }

    /** Every message after the banner, in stream order. */
    public List<RecordedMessage> messages() {
        return messages;
    }

    /** Only the events ({@code Event:} messages), in stream order. */
    public List<RecordedMessage> events() {
        return messages.stream().filter(RecordedMessage::isEvent).toList();
    }

    /** Recorded duration from the first to the last chunk, in seconds. */
    public double durationSeconds() {
        return timing.get(timing.size() - 1).epochSeconds() - timing.get(0).epochSeconds();
    }

    @Override
    public String toString() {
        return "AmiTranscript[" + name + ", " + messages.size() + " messages, " + raw.length + " bytes]";
    }
}
