package io.switchboard.local;

import java.util.List;

/** Where each service lives in the repository, its HTTP port on the local platform and its database. */
record ServiceSpec(String name, String module, int httpPort, String database) {

    static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("call-ingest", "call-ingest", 8081, null),
            new ServiceSpec("triage-service", "triage-service", 8082, "triage"),
            new ServiceSpec("directory-service", "directory-service", 8083, "directory"),
            new ServiceSpec("kpi-service", "kpi-service", 8084, "kpi"));
}
