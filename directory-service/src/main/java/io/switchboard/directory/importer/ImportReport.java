package io.switchboard.directory.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an import did: every good row loaded, every bad one listed with where it is and why.
 *
 * @param read     rows (CSV) or entities (HSDS services) read
 * @param loaded   how many were loaded
 * @param rejected the bad ones
 */
public record ImportReport(String format, int read, int loaded, List<Rejected> rejected) {

    /**
     * @param row    CSV: the line number in the file (the header is line 1)
     * @param entity HSDS: the list the entity is in (organizations, locations, services)
     * @param index  HSDS: its position in that list, from 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejected(Integer row, String entity, Integer index, String id, String reason) {
    }
}
