package io.switchboard.directory.search;

import io.switchboard.directory.model.Sex;
import java.time.Instant;

/**
 * A search with every input resolved: coordinates (a postcode is resolved before), the disposition's timeframe
 * and the starting search distance.
 *
 * @param ageYears     null: not filtered on age (unknown)
 * @param symptomGroup null: not filtered on symptom group
 * @param region       the commissioning region whose ranking applies; null: the national default
 * @param gpPractice   ODS code of the caller's registered GP practice; that practice comes first within its rank
 * @param perType      how many services of each service type to return
 */
public record SearchRequest(String disposition, int timeframeMinutes, double latitude, double longitude,
        Integer ageYears, Sex sex, Integer symptomGroup, Instant at, double distanceKm, String region,
        String gpPractice, int perType) {
}
