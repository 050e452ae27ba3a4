package io.switchboard.callingest.routing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command ids already carried out, so a redelivered command is never applied twice. Bounded (oldest forgotten
 * first); after a restart it is refilled from routing.state.v1, where every outcome is recorded.
 */
public final class AppliedCommands {

    private final Map<String, Boolean> ids;

    public AppliedCommands(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return true the first time this id is seen */
    public synchronized boolean firstTime(String commandId) {
        return ids.putIfAbsent(commandId, Boolean.TRUE) == null;
    }

    public synchronized int size() {
        return ids.size();
    }
}
