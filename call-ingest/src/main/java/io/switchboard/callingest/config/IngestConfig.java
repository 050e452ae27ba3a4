package io.switchboard.callingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** call-ingest's configuration ({@code switchboard.*}; environment variables SWITCHBOARD_*). */
@ConfigMapping(prefix = "switchboard")
public interface IngestConfig {

    /** This PBX's id: lower-case letters, digits and dashes; the prefix of every call id. */
    @WithName("pbx-id")
    String pbxId();

    /** Key of the keyed hash that replaces caller numbers and agent identities (at least 16 bytes). */
    @WithName("hmac-key")
    String hmacKey();

    /** Provider of calls no more specific line rule matches. */
    String provider();

    /** Region (routing area) of calls no more specific line rule matches. */
    String region();

    Ami ami();

    Lines lines();

    Contingency contingency();

    Transfer transfer();

    Publish publish();

    /** Dialplan contexts where callers arrive (e.g. from-trunk); empty = every new conversation is a call. */
    @WithName("inbound-contexts")
    Optional<Set<String>> inboundContexts();

    interface Ami {
        String host();

        @WithDefault("5038")
        int port();

        /** AMI over TLS (Asterisk's tlsenable, usually port 5039); otherwise keep AMI on a private network. */
        @WithDefault("false")
        boolean tls();

        String username();

        String password();

        /** A Ping is sent this often; three silent intervals mean a half-open link, which is then dropped. */
        @WithName("ping-interval")
        @WithDefault("10s")
        Duration pingInterval();

        /** First wait before reconnecting; doubles on each failure up to {@link #reconnectMaxBackoff()}. */
        @WithName("reconnect-initial-backoff")
        @WithDefault("500ms")
        Duration reconnectInitialBackoff();

        @WithName("reconnect-max-backoff")
        @WithDefault("30s")
        Duration reconnectMaxBackoff();

        /** AMI messages waiting to be processed; when full, reading from the PBX pauses (never drops). */
        @WithName("queue-capacity")
        @WithDefault("65536")
        int queueCapacity();
    }

    interface Lines {
        /** Provider and region per dialled number (the Exten the caller reached), e.g. {@code "111"}. */
        @WithName("by-dialled-number")
        Map<String, Line> byDialledNumber();

        /** Provider and region per inbound trunk (PJSIP endpoint name). */
        @WithName("by-trunk")
        Map<String, Line> byTrunk();
    }

    interface Line {
        String provider();

        String region();
    }

    interface Contingency {
        /** A Dial to a channel starting with one of these is the contingency route. */
        @WithName("channel-prefixes")
        @WithDefault("PJSIP/contingency")
        List<String> channelPrefixes();

        /** Global dialplan variable that switches a region to contingency (1 = engaged, 0 = released). */
        @WithName("variable")
        @WithDefault("CONTINGENCY")
        String variable();

        /** Per-region override of {@link #variable()}, for a PBX that serves several regions. */
        @WithName("variable-by-region")
        Map<String, String> variableByRegion();
    }

    interface Transfer {
        /** Dialplan context holding the transfer targets. */
        @WithDefault("transfer-targets")
        String context();

        /** Extension in that context per target queue (clinician -> clinician). */
        @WithName("extension-by-queue")
        Map<String, String> extensionByQueue();
    }

    interface Publish {
        /** Lifecycle events not yet acknowledged by the broker after this long make the service not ready. */
        @WithName("stall-after")
        @WithDefault("10s")
        Duration stallAfter();
    }
}
