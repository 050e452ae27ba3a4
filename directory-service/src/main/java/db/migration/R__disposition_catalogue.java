package db.migration;

import io.switchboard.directory.store.DispositionTable;
import io.switchboard.events.DispositionCatalogue;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keeps the disposition table equal to the catalogue of the event contract ({@link DispositionCatalogue#shared()}).
 *
 * <p>A repeatable migration whose checksum is the catalogue's hash: Flyway runs it after the versioned migrations
 * whenever the catalogue has changed since it last ran, so a new code reaches the directory with the release that
 * adds it, with no migration to write, and an existing database is corrected in place (V3 seeded values that
 * disagreed with triage-service's). Plain Flyway finds it too (same {@code db/migration} location), so the benchmark
 * and the tests that migrate a database themselves get the same table.
 */
public class R__disposition_catalogue extends BaseJavaMigration {

    @Override
    public Integer getChecksum() {
        // The rows depend on the catalogue and on the rule deriving needs_service (v2: the 111 service's own
        // clinical assessment needs no service): a change to either must run the migration again.
        return (DispositionCatalogue.shared().sha256() + "|needs-service-v2").hashCode();
    }

    @Override
    public void migrate(Context context) throws Exception {
        DispositionTable.sync(context.getConnection(), DispositionCatalogue.shared());
    }
}
