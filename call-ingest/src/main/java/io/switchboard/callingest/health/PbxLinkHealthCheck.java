package io.switchboard.callingest.health;

import io.switchboard.callingest.ami.AmiLink;
import io.switchboard.callingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the PBX's AMI link is down: calls are not being seen, so nothing downstream can be trusted. */
@Readiness
@ApplicationScoped
public class PbxLinkHealthCheck implements HealthCheck {

    private final AmiLink link;
    private final IngestConfig config;

    PbxLinkHealthCheck(AmiLink link, IngestConfig config) {
        this.link = link;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("pbx-link")
                .status(link.isUp())
                .withData("pbx", config.pbxId())
                .withData("ami", config.ami().host() + ":" + config.ami().port())
                .withData("connects", link.connects())
                .withData("reason", link.isUp() ? "connected" : link.lastFailure())
                .build();
    }
}
