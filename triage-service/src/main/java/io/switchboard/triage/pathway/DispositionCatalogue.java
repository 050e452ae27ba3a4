package io.switchboard.triage.pathway;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every disposition a pathway may end with, by code: the one place codes, timeframes and groups are defined. */
public final class DispositionCatalogue {

    private final String file;
    private final Map<String, DispositionEntry> byCode;

    DispositionCatalogue(String file, Map<String, DispositionEntry> byCode) {
        this.file = file;
        this.byCode = Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
    }

    public String file() {
        return file;
    }

    public Optional<DispositionEntry> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public Collection<DispositionEntry> all() {
        return byCode.values();
    }
}
