package io.switchboard.triage.pathway;

import io.switchboard.events.DispositionCatalogue;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every pathway version ever published, by id and version. New assessments use the latest version of a pathway;
 * an assessment stays on the version it started with, and every version stays loadable for replay.
 */
public final class PathwayCatalogue {

    private final DispositionCatalogue dispositions;
    private final Map<String, NavigableMap<Integer, Pathway>> byId;

    PathwayCatalogue(DispositionCatalogue dispositions, List<Pathway> pathways) {
        this.dispositions = dispositions;
        Map<String, NavigableMap<Integer, Pathway>> map = new TreeMap<>();
        for (Pathway pathway : pathways) {
            map.computeIfAbsent(pathway.id(), id -> new TreeMap<>()).put(pathway.version(), pathway);
        }
        map.replaceAll((id, versions) -> Collections.unmodifiableNavigableMap(versions));
        this.byId = Collections.unmodifiableMap(map);
    }

    public DispositionCatalogue dispositions() {
        return dispositions;
    }

    public Optional<Pathway> latest(String id) {
        NavigableMap<Integer, Pathway> versions = byId.get(id);
        return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    public Optional<Pathway> version(String id, int version) {
        NavigableMap<Integer, Pathway> versions = byId.get(id);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** The latest version of each pathway, by id. */
    public List<Pathway> latestVersions() {
        return byId.values().stream().map(v -> v.lastEntry().getValue()).toList();
    }

    /** Every version of every pathway, by id then version. */
    public List<Pathway> allVersions() {
        return byId.values().stream().flatMap(v -> v.values().stream()).toList();
    }

    public Collection<Pathway> versionsOf(String id) {
        NavigableMap<Integer, Pathway> versions = byId.get(id);
        return versions == null ? List.of() : versions.values();
    }
}
