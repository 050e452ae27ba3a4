package io.switchboard.triage.messaging;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.triage.config.TriageConfig;
import io.switchboard.triage.store.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Forgets handled lifecycle event ids and closed calls once the topic can no longer redeliver them. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final Inbox inbox;
    private final TriageConfig config;

    Housekeeping(Inbox inbox, TriageConfig config) {
        this.inbox = inbox;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldInboxEntries() {
        int removed = inbox.forgetBefore(Instant.now().minus(config.inboxRetention()));
        if (removed > 0) {
            LOG.infof("Forgot %d inbox entries older than %s", removed, config.inboxRetention());
        }
    }
}
