package io.switchboard.directory.store;

import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;
import io.switchboard.directory.search.ReferenceData;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything read from the database in one consistent snapshot (REPEATABLE READ). */
public record DirectoryData(long version, List<ServiceRecord> services, ReferenceData reference,
        Map<String, CapacityState> capacities, Instant readAt) {
}
