package io.switchboard.directory.model;

/**
 * A disposition of the catalogue (table disposition).
 *
 * @param needsService false for ambulance responses and self-care advice: no directory search
 */
public record DispositionInfo(String code, String name, int timeframeMinutes, String careSetting, String group,
        boolean needsService) {
}
