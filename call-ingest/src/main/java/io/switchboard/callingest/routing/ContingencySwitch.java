package io.switchboard.callingest.routing;

import io.switchboard.callingest.ami.GlobalVariableSet;
import io.switchboard.callingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contingency switch of each region this PBX serves: a global dialplan variable (1 engaged, 0 released). What
 * the PBX reports (VarSet with Channel "none", or GetVar after a connect) is the truth; commands wait for it.
 */
@ApplicationScoped
public class ContingencySwitch {

    private final IngestConfig config;
    private final Map<String, String> observed = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    ContingencySwitch(IngestConfig config) {
        this.config = config;
    }

    /** The variable that switches this region, or empty when this PBX does not serve the region. */
    public Optional<String> variableFor(String region) {
        String specific = config.contingency().variableByRegion().get(region);
        if (specific != null) {
            return Optional.of(specific);
        }
        return region.equals(config.region()) ? Optional.of(config.contingency().variable()) : Optional.empty();
    }

    /** Every switch variable this PBX has, for reading them back after a connect. */
    public Iterable<String> variables() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        all.add(config.contingency().variable());
        all.addAll(config.contingency().variableByRegion().values());
        return all;
    }

    public Optional<Boolean> isEngaged(String variable) {
        return Optional.ofNullable(observed.get(variable)).map("1"::equals);
    }

    void onVariable(@Observes GlobalVariableSet set) {
        record(set.name(), set.value());
    }

    public void record(String variable, String value) {
        if (variable == null) {
            return;
        }
        String normalised = value == null || value.isBlank() ? "0" : value.trim();
        observed.put(variable, normalised);
        CompletableFuture<String> future = waiting.get(variable + "=" + normalised);
        if (future != null) {
            future.complete(normalised);
        }
    }

    /** Completes when the PBX reports the variable at this value. */
    public CompletableFuture<String> awaitValue(String variable, String value) {
        CompletableFuture<String> future = waiting.computeIfAbsent(variable + "=" + value,
                k -> new CompletableFuture<>());
        if (value.equals(observed.get(variable))) {
            future.complete(value);
        }
        return future;
    }

    public void forget(String variable, String value) {
        waiting.remove(variable + "=" + value);
    }
}
