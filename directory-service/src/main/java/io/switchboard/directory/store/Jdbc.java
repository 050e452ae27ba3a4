package io.switchboard.directory.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs work on a connection: from the service's pool, or a connection per thread in the benchmark. */
@FunctionalInterface
public interface Jdbc {

    <T> T with(Work<T> work);

    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    static Jdbc of(DataSource dataSource) {
        return new Jdbc() {
            @Override
            public <T> T with(Work<T> work) {
                try (Connection c = dataSource.getConnection()) {
                    return work.apply(c);
                } catch (SQLException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        };
    }
}
