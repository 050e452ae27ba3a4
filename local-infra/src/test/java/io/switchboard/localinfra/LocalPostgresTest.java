package io.switchboard.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void startsARealPostgresAndCreatesDatabases() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(Path.of("target", "pg-test"), 0)) {
            postgres.createDatabase("triage");
            postgres.createDatabase("triage");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("triage"), LocalPostgres.USER,
                    LocalPostgres.PASSWORD); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE probe (id int primary key)");
                s.execute("INSERT INTO probe VALUES (42)");
                try (ResultSet rs = s.executeQuery("SELECT id, version() FROM probe")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                    assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
                }
            }
            assertThatThrownBy(() -> postgres.createDatabase("bad name; drop"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
