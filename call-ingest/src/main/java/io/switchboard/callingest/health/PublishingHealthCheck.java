package io.switchboard.callingest.health;

import io.switchboard.callingest.publish.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while Kafka is not acknowledging lifecycle events: they are held, not lost, but they are late. */
@Readiness
@ApplicationScoped
public class PublishingHealthCheck implements HealthCheck {

    private final EventPublisher publisher;

    PublishingHealthCheck(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = publisher.problem();
        return HealthCheckResponse.named("event-publishing")
                .status(problem == null)
                .withData("unacknowledged", publisher.unacknowledged())
                .withData("reason", problem == null ? "publishing" : problem)
                .build();
    }
}
