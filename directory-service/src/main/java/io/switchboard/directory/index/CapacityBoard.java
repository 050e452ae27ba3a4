package io.switchboard.directory.index;

import io.switchboard.directory.model.CapacityState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every service's current capacity, in memory, read by each search. Changes arrive from this instance's API, from
 * the capacity topic (other instances) and from the database poll; the newest setting wins, so the order they
 * arrive in does not matter.
 */
@ApplicationScoped
public class CapacityBoard {

    private final Map<String, CapacityState> byService = new ConcurrentHashMap<>();

    public CapacityState get(String serviceId) {
        return byService.getOrDefault(serviceId, CapacityState.DEFAULT);
    }

    /** @return true if the change was newer than what was known and now applies */
    public boolean apply(String serviceId, CapacityState state) {
        boolean[] applied = {false};
        byService.compute(serviceId, (id, current) -> {
            if (state.isNewerThan(current)) {
                applied[0] = true;
                return state;
            }
            return current;
        });
        return applied[0];
    }

    public void applyAll(Map<String, CapacityState> states) {
        states.forEach(this::apply);
    }
}
