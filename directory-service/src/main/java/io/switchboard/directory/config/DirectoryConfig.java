package io.switchboard.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** directory-service's configuration ({@code switchboard.directory.*}; environment SWITCHBOARD_DIRECTORY_*). */
@ConfigMapping(prefix = "switchboard.directory")
public interface DirectoryConfig {

    /** The time zone of opening times and bank holidays. */
    @WithDefault("Europe/London")
    String zone();

    Search search();

    Outcomes outcomes();

    Synthetic synthetic();

    Capacity capacity();

    /** How often each instance checks the database for directory and capacity changes made elsewhere. */
    @WithName("reload-interval")
    @WithDefault("5s")
    Duration reloadInterval();

    /** Replication of directory-service's own capacity topic (3 on a production cluster). */
    @WithName("internal-topic-replication")
    @WithDefault("1")
    short internalTopicReplication();

    interface Search {
        /** memory (grid index kept in step with the database) or database (earthdistance GiST query per search). */
        @WithDefault("memory")
        String index();

        /** Search distance when neither the postcode table nor the request gives one. */
        @WithName("default-distance-km")
        @WithDefault("60")
        double defaultDistanceKm();

        /** Widening stops at this distance. */
        @WithName("max-distance-km")
        @WithDefault("120")
        double maxDistanceKm();

        /** Fewer matches than this widens the search (the distance doubles). */
        @WithName("min-results")
        @WithDefault("3")
        int minResults();

        /** Services returned per service type. */
        @WithName("per-type")
        @WithDefault("3")
        int perType();

        /** Gaps listed per criterion (all are counted). */
        @WithName("gaps-per-criterion")
        @WithDefault("5")
        int gapsPerCriterion();
    }

    interface Outcomes {
        /** How long after a call ended without a triage outcome the outcome is decided from the lifecycle alone. */
        @WithDefault("30s")
        Duration settle();

        /** A call offered this long ago that never ended is decided with what is known. */
        @WithName("max-call-age")
        @WithDefault("6h")
        Duration maxCallAge();

        /** How often settled calls are decided and unpublished outcomes published again. */
        @WithName("sweep-interval")
        @WithDefault("5s")
        Duration sweepInterval();

        /** How long per-call state and the inbox are kept. */
        @WithDefault("35d")
        Duration retention();
    }

    interface Capacity {
        /** How often expired manual amber/red settings are reset to green (searches treat them as green at once). */
        @WithName("reset-check-interval")
        @WithDefault("30s")
        Duration resetCheckInterval();
    }

    interface Synthetic {
        /** Services of the synthetic national dataset loaded at start when the directory has none (0: off). */
        @WithDefault("0")
        int services();

        @WithDefault("20261121")
        long seed();
    }
}
