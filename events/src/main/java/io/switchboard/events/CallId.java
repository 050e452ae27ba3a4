package io.switchboard.events;

import java.util.regex.Pattern;

/**
 * A call's identity across every PBX: the PBX's configured id and Asterisk's Linkedid, joined by a colon.
 * Linkedid alone repeats across PBXs (it is "epoch.sequence"), so it is never used on its own.
 */
public final class CallId {

    public static final Pattern PBX_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}:[A-Za-z0-9._-]{1,64}");

    private CallId() {
    }

    public static String of(String pbxId, String linkedId) {
        if (pbxId == null || !PBX_ID.matcher(pbxId).matches()) {
            throw new IllegalArgumentException("PBX id must be lower-case letters, digits and dashes (1-63), got: " + pbxId);
        }
        if (linkedId == null || linkedId.isBlank()) {
            throw new IllegalArgumentException("Linkedid is missing");
        }
        String callId = pbxId + ":" + linkedId;
        if (!PATTERN.matcher(callId).matches()) {
            throw new IllegalArgumentException("Linkedid has characters a call id cannot carry: " + linkedId);
        }
        return callId;
    }

    public static boolean isValid(String callId) {
        return callId != null && PATTERN.matcher(callId).matches();
    }
}
