package io.switchboard.directory.index;

import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.search.GridIndex;
import io.switchboard.directory.search.ReferenceData;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One immutable load of the directory: swapped whole when the database's directory version changes. */
public record DirectorySnapshot(long version, List<ServiceRecord> services, Map<String, ServiceRecord> byId,
        GridIndex grid, ReferenceData reference, Instant loadedAt, long loadMillis) {
}
