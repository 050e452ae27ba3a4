package io.switchboard.directory.synthetic;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.directory.config.DirectoryConfig;
import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.directory.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Loads the in-memory directory at start. With {@code switchboard.directory.synthetic.services} set (environment
 * SWITCHBOARD_DIRECTORY_SYNTHETIC_SERVICES=100000), first loads the synthetic national dataset if the directory
 * holds no synthetic service yet; that runs in the background and the service is not ready until it is done.
 */
@ApplicationScoped
public class DirectoryStartup {

    private static final Logger LOG = Logger.getLogger(DirectoryStartup.class);

    void onStart(@Observes StartupEvent event, DirectoryIndex index, DirectoryConfig config, AgroalDataSource ds) {
        int services = config.synthetic().services();
        if (services <= 0) {
            index.reload();
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                loadSynthetic(Jdbc.of(ds), services, config.synthetic().seed());
            } catch (RuntimeException e) {
                LOG.errorf(e, "The synthetic dataset could not be loaded");
            }
            index.reload();
        }, "synthetic-directory-loader");
        loader.setDaemon(true);
        loader.start();
    }

    static void loadSynthetic(Jdbc jdbc, int count, long seed) {
        long existing = jdbc.with(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM service WHERE id LIKE 'syn-svc-%'")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (existing > 0) {
            LOG.infof("The synthetic dataset is already loaded (%d services)", existing);
            return;
        }
        long started = System.nanoTime();
        List<SyntheticService> generated = SyntheticDirectory.generate(count, seed);
        Map<String, Integer> loaded = jdbc.with(c -> BulkLoader.load(c, generated));
        LOG.infof("Synthetic dataset (seed %d) loaded in %d ms: %s", seed, (System.nanoTime() - started) / 1_000_000,
                loaded);
    }
}
