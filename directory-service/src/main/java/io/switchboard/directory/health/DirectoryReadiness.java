package io.switchboard.directory.health;

import io.switchboard.directory.index.DirectoryIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the in-memory directory is loaded (with the synthetic dataset, that takes a while). */
@Readiness
@ApplicationScoped
public class DirectoryReadiness implements HealthCheck {

    private final DirectoryIndex index;

    DirectoryReadiness(DirectoryIndex index) {
        this.index = index;
    }

    @Override
    public HealthCheckResponse call() {
        if (!index.isReady()) {
            return HealthCheckResponse.named("directory-index").down().withData("state", "loading").build();
        }
        var snapshot = index.current();
        return HealthCheckResponse.named("directory-index").up().withData("services", snapshot.services().size())
                .withData("version", snapshot.version()).build();
    }
}
