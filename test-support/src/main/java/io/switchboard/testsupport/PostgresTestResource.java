package io.switchboard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.localinfra.LocalPostgres;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points a Quarkus test at a real PostgreSQL (embedded binaries), one server per test JVM, with a database named
 * by the {@code database} init argument (default {@code switchboard}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;
    private String database = "switchboard";

    public static synchronized LocalPostgres postgres() {
        if (postgres == null) {
            postgres = LocalPostgres.start(Path.of("target", "postgres"), 0);
            LocalPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-test-stop"));
        }
        return postgres;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        LocalPostgres server = postgres();
        server.createDatabase(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", LocalPostgres.USER,
                "quarkus.datasource.password", LocalPostgres.PASSWORD);
    }

    @Override
    public void stop() {
        // Shared by every Quarkus application started in this JVM; stopped by the shutdown hook.
    }
}
