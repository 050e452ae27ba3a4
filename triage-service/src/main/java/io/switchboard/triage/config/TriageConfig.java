package io.switchboard.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** triage-service's configuration ({@code switchboard.triage.*}; environment SWITCHBOARD_TRIAGE_*). */
@ConfigMapping(prefix = "switchboard.triage")
public interface TriageConfig {

    /**
     * A directory holding {@code index.yaml} and the pathway files, used instead of the content packaged with the
     * service (for a content release without a new build). Validated the same way, against the disposition
     * catalogue of the event contract (a new disposition code is a contract change, not content).
     */
    @WithName("pathways-dir")
    Optional<Path> pathwaysDir();

    /** The queue a "transfer to a clinician now" disposition asks the PBX to transfer the call to. */
    @WithName("clinician-queue")
    @WithDefault("clinician")
    String clinicianQueue();

    /** How long a request waits for Kafka to acknowledge an event before leaving it to the retry. */
    @WithName("publish-timeout")
    @WithDefault("5s")
    Duration publishTimeout();

    /**
     * How often events that could not be published at once (Kafka unavailable) are tried again. Read by the
     * scheduler from application.properties, where it must be set.
     */
    @WithName("outbox-retry-interval")
    Duration outboxRetryInterval();

    /**
     * How long the ids of lifecycle events already handled, and calls known to be over, are remembered. Longer than
     * the topic's retention (31 days), so that a redelivery is always recognised.
     */
    @WithName("inbox-retention")
    @WithDefault("35d")
    Duration inboxRetention();
}
