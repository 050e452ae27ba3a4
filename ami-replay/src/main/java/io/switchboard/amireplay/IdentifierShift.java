package io.switchboard.amireplay;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the identifiers of a looped replay unique per pass, so a consumer never sees the same call twice.
 *
 * <p>Pass 0 is left untouched (byte for byte the recording). For pass {@code p > 0}, consistently in every header of
 * every message:
 * <ul>
 *   <li>a Uniqueid-like value {@code <epoch>.<seq>} in any header whose name ends with {@code Uniqueid} or
 *       {@code Linkedid} (Uniqueid, Linkedid, DestUniqueid, DestLinkedid, TransfereeUniqueid, the Cdr's UniqueID, ...)
 *       becomes {@code <epoch + p*epochStride>.<seq + p*sequenceStride>};</li>
 *   <li>the 8 hex digit suffix of a channel name ({@code PJSIP/trunk-00000000},
 *       {@code Local/200@transfer-targets-00000000;2}), wherever it appears in a value (Channel, DestChannel,
 *       BRIDGEPEER values, ...), grows by {@code p*channelStride};</li>
 *   <li>the last group of a bridge UUID (headers ending with {@code BridgeUniqueid}) grows by {@code p}.</li>
 * </ul>
 * The strides are the smallest power of ten (sequence) or sixteen (channel) above any value in the playlist, so
 * passes never overlap and the shifted values stay readable: for a_answered played alone, pass 1 turns Linkedid
 * {@code 1795280266.0} into {@code 1795280288.10} and {@code PJSIP/trunk-00000000} into {@code PJSIP/trunk-00000010}. Timestamps (EventTV, Cdr StartTime, LoginTime, ...) are not shifted.
 */
final class IdentifierShift {

    private static final Pattern UNIQUEID = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern CHANNEL_SUFFIX =
            Pattern.compile("((?:PJSIP|SIP|IAX2|DAHDI|Local)/[^\\s,;|]+?-)([0-9a-f]{8})(?![0-9A-Za-z])");
    private static final Pattern BRIDGE_UUID =
            Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)([0-9a-f]{12})");

    private final long epochStride;
    private final long sequenceStride;
    private final long channelStride;

    IdentifierShift(long epochStride, long sequenceStride, long channelStride) {
        this.epochStride = epochStride;
        this.sequenceStride = sequenceStride;
        this.channelStride = channelStride;
    }

    static IdentifierShift forPlaylist(List<AmiTranscript> playlist) {
        long maxSequence = 0;
        long maxChannel = 0;
        double span = 0;
        for (AmiTranscript transcript : playlist) {
            span += transcript.durationSeconds() + 1;
            for (RecordedMessage recorded : transcript.messages()) {
                for (AmiMessage.Header header : recorded.message().headers()) {
                    if (isUniqueidHeader(header.name())) {
                        Matcher m = UNIQUEID.matcher(header.value());
                        if (m.matches()) {
                            maxSequence = Math.max(maxSequence, Long.parseLong(m.group(2)));
                        }
                    }
                    Matcher channel = CHANNEL_SUFFIX.matcher(header.value());
                    while (channel.find()) {
                        maxChannel = Math.max(maxChannel, Long.parseLong(channel.group(2), 16));
                    }
                }
            }
        }
        return new IdentifierShift((long) Math.ceil(span), powerAbove(10, maxSequence), powerAbove(16, maxChannel));
    }

    private static long powerAbove(long base, long value) {
        long power = base;
        while (power <= value) {
            power *= base;
        }
        return power;
    }

    private static boolean isUniqueidHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return (lower.endsWith("uniqueid") || lower.endsWith("linkedid")) && !lower.endsWith("bridgeuniqueid");
    }

    /** The message as it is sent in pass {@code pass}; pass 0 returns the very same message. */
    AmiMessage apply(AmiMessage message, long pass) {
        if (pass == 0) {
            return message;
        }
        return message.mapHeaders(h -> new AmiMessage.Header(h.name(), shiftValue(h.name(), h.value(), pass)));
    }

    private String shiftValue(String name, String value, long pass) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith("bridgeuniqueid")) {
            Matcher uuid = BRIDGE_UUID.matcher(value);
            if (uuid.matches()) {
                long node = (Long.parseLong(uuid.group(2), 16) + pass) & 0xFFFF_FFFF_FFFFL;
                return uuid.group(1) + String.format(Locale.ROOT, "%012x", node);
            }
            return value;
        }
        if (isUniqueidHeader(name)) {
            Matcher id = UNIQUEID.matcher(value);
            if (id.matches()) {
                return (Long.parseLong(id.group(1)) + pass * epochStride) + "."
                        + (Long.parseLong(id.group(2)) + pass * sequenceStride);
            }
        }
        if (value.indexOf('/') < 0) {
            return value;
        }
        Matcher channel = CHANNEL_SUFFIX.matcher(value);
        StringBuilder shifted = new StringBuilder();
        while (channel.find()) {
            long suffix = (Long.parseLong(channel.group(2), 16) + pass * channelStride) & 0xFFFF_FFFFL;
            channel.appendReplacement(shifted, Matcher.quoteReplacement(
                    channel.group(1) + String.format(Locale.ROOT, "%08x", suffix)));
        }
        channel.appendTail(shifted);
        return shifted.toString();
    }

    long epochStride() {
        return epochStride;
    }

    long sequenceStride() {
        return sequenceStride;
    }

    long channelStride() {
        return channelStride;
    }
}
