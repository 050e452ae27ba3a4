package io.switchboard.triage.pathway;

import io.quarkus.runtime.Startup;
import io.switchboard.triage.config.TriageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The pathway content in use, loaded and validated once at start. Invalid content stops the service from starting:
 * the exception lists every problem, each naming the file and node.
 */
@Startup
@ApplicationScoped
public class PathwayRegistry {

    private static final Logger LOG = Logger.getLogger(PathwayRegistry.class);

    private final PathwayCatalogue catalogue;

    PathwayRegistry(TriageConfig config) {
        this.catalogue = config.pathwaysDir()
                .map(dir -> PathwayLoader.load(PathwayLoader.directory(dir)))
                .orElseGet(PathwayLoader::loadPackaged);
        long demonstration = catalogue.allVersions().stream().filter(Pathway::demonstrationContent).count();
        LOG.infof("Loaded %d pathways (%d versions) from %s, against the %d dispositions of %s (sha256 %s)",
                catalogue.latestVersions().size(), catalogue.allVersions().size(),
                config.pathwaysDir().map(Object::toString).orElse("the packaged content"),
                catalogue.dispositions().all().size(), catalogue.dispositions().file(),
                catalogue.dispositions().sha256());
        if (demonstration > 0) {
            LOG.warnf("%d pathway versions are %s: not for use with real patients", demonstration,
                    Pathway.DEMONSTRATION_NOTICE);
        }
    }

    public PathwayCatalogue catalogue() {
        return catalogue;
    }
}
