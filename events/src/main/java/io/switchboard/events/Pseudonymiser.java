package io.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA-256) for identifiers that must never travel in clear: caller numbers, NHS numbers,
 * agent identities. The same input and key always give the same token, so systems can join on it, while
 * without the key the token cannot be reversed by enumerating the (small) space of phone numbers.
 */
public final class Pseudonymiser {

    /** What a kind may look like: it becomes the token's prefix. */
    public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /**
     * Every token this class produces, and what the schemas require of {@code callerToken}, {@code agentId} and
     * {@code handlerId} (anchored there with ^ and $): {@code <kind>:<32 lower-case hex digits>}.
     */
    public static final Pattern TOKEN_PATTERN = Pattern.compile("[a-z][a-z0-9-]{0,31}:[0-9a-f]{32}");

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 16;
    /** 128 bits of the digest are plenty to avoid collisions and keep tokens short. */
    private static final int TOKEN_BYTES = 16;

    private final SecretKeySpec key;

    public Pseudonymiser(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "The pseudonymisation key must be at least " + MIN_KEY_BYTES + " bytes (set SWITCHBOARD_HMAC_KEY)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * @param kind  what the value is ("caller", "nhs-number", "agent"): the same digits in two roles give
     *              different tokens; must match {@link #KIND}
     * @param value the identifier in clear; phone numbers are normalised to their digits first
     * @return {@code <kind>:<32 hex digits>}, or null when value is null or blank
     */
    public String pseudonymise(String kind, String value) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be lower-case letters, digits and dashes (1-32), got: " + kind);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        String normalised = normalise(value);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(kind.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
            return kind + ":" + HexFormat.of().formatHex(digest, 0, TOKEN_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    }

    public String caller(String callerNumber) {
        return pseudonymise("caller", callerNumber);
    }

    public String agent(String agentInterface) {
        return pseudonymise("agent", agentInterface);
    }

    private static String normalise(String value) {
        String digits = value.replaceAll("[^0-9A-Za-z/]", "");
        return digits.isEmpty() ? value.trim() : digits;
    }
}
