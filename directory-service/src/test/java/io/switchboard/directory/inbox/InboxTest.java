package io.switchboard.directory.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Writes and reads the real PostgreSQL through Panache, on the schema Flyway migrated at start. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class InboxTest {

    @Inject
    Inbox inbox;

    @Test
    void recordsAnEventOnceAndRecognisesEveryRedelivery() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        boolean first = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("dedup-outcomes", "evt-1"));
        boolean again = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("dedup-outcomes", "evt-1"));
        boolean otherConsumer = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("dedup-audit", "evt-1"));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).as("each consumer keeps its own inbox").isTrue();
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(ProcessedEvent.countFor("dedup-outcomes")).isEqualTo(1);
            ProcessedEvent stored = ProcessedEvent.findById(new ProcessedEvent.Key("dedup-outcomes", "evt-1"));
            assertThat(stored).isNotNull();
            assertThat(stored.processedAt).isAfterOrEqualTo(before.minusSeconds(1));
        });
    }

    @Test
    void aRolledBackTransactionLeavesNoRecordSoTheEventIsProcessedAgain() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                assertThat(inbox.firstDelivery("rollback-outcomes", "evt-rollback")).isTrue();
                throw new IllegalStateException("the work failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }
        boolean retried = QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("rollback-outcomes", "evt-rollback"));
        assertThat(retried).isTrue();
    }
}
