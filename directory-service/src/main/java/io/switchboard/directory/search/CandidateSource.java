package io.switchboard.directory.search;

import io.switchboard.directory.model.CapacityState;
import io.switchboard.directory.model.ServiceRecord;

/**
 * Finds the active services that accept a disposition within a distance: the spatial part of a search. Two
 * implementations, chosen by measurement (docs/directory.md): {@link GridIndex} in memory and
 * {@link DatabaseCandidates} with PostgreSQL's earthdistance GiST index.
 */
public interface CandidateSource {

    void within(String disposition, double latitude, double longitude, double radiusKm, SearchWindow window,
            Sink sink);

    /** Receives each service found, with its current capacity and its distance from the search location. */
    @FunctionalInterface
    interface Sink {
        void accept(ServiceRecord service, CapacityState capacity, double distanceKm);
    }

    /** The name reported in metrics and benchmarks. */
    String name();
}
