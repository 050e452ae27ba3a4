package io.switchboard.directory.search;

import io.switchboard.directory.model.DispositionInfo;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The small tables every search needs, whichever index finds the services: bank holidays, commissioners' ranks
 * and the disposition catalogue.
 *
 * @param ranks region -> service type -> rank 1..10; region "*" is the national default
 */
public record ReferenceData(Set<LocalDate> bankHolidays, Map<String, Map<String, Integer>> ranks,
        Map<String, DispositionInfo> dispositions) {

    public static final String DEFAULT_REGION = "*";
    /** Where a service type nobody ranked comes: after every ranked type. */
    public static final int UNRANKED = 10;

    public int rank(String region, String serviceType) {
        if (region != null) {
            Map<String, Integer> own = ranks.get(region);
            if (own != null && own.containsKey(serviceType)) {
                return own.get(serviceType);
            }
        }
        Map<String, Integer> national = ranks.get(DEFAULT_REGION);
        Integer rank = national == null ? null : national.get(serviceType);
        return rank == null ? UNRANKED : rank;
    }

    public Optional<DispositionInfo> disposition(String code) {
        return Optional.ofNullable(dispositions.get(code));
    }

    public static ReferenceData empty() {
        return new ReferenceData(Set.of(), Map.of(), Map.of());
    }
}
