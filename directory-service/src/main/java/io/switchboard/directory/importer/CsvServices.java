package io.switchboard.directory.importer;

import io.switchboard.directory.store.Postcodes;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CSV bulk format (docs/directory.md, "CSV import"): a header line naming the columns, then one service per line.
 * Each line is checked on its own; a bad line is reported with its line number and reasons, the others load.
 */
final class CsvServices {

    static final List<String> REQUIRED = List.of("service_id", "organisation_id", "name", "type", "referral_methods");
    static final String[] DAYS = {null, "mon", "tue", "wed", "thu", "fri", "sat", "sun", "bank_holiday"};

    record Parsed(List<Pending> good, List<ImportReport.Rejected> rejected, int read) {
    }

    record Pending(int line, ServiceDraft draft) {
    }

    private CsvServices() {
    }

    static Parsed parse(String text, Function<String, Optional<Postcodes.Resolved>> postcodes) {
        List<Csv.Record> records = Csv.parse(text);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("The CSV is empty: a header line is required");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The header lacks required column(s): " + String.join(", ", missing));
        }
        List<Pending> good = new ArrayList<>();
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Csv.Record r : records.subList(1, records.size())) {
            Function<String, String> cell = name -> {
                Integer i = columns.get(name);
                return i == null || i >= r.fields().size() ? null : emptyToNull(r.fields().get(i));
            };
            List<String> errors = new ArrayList<>();
            if (r.fields().size() != header.size()) {
                errors.add("has " + r.fields().size() + " fields, the header " + header.size());
            }
            ServiceDraft draft = draft(cell, postcodes, errors);
            if (draft != null && seen.containsKey(draft.id())) {
                errors.add("service_id " + draft.id() + " is also on line " + seen.get(draft.id()));
            }
            if (errors.isEmpty()) {
                seen.put(draft.id(), r.line());
                good.add(new Pending(r.line(), draft));
            } else {
                rejected.add(new ImportReport.Rejected(r.line(), null, null, cell.apply("service_id"),
                        String.join("; ", errors)));
            }
        }
        return new Parsed(good, rejected, records.size() - 1);
    }

    private static ServiceDraft draft(Function<String, String> cell,
            Function<String, Optional<Postcodes.Resolved>> postcodes, List<String> errors) {
        String id = Drafts.id("service_id", cell.apply("service_id"), errors);
        String org = Drafts.id("organisation_id", cell.apply("organisation_id"), errors);
        String name = Drafts.required("name", cell.apply("name"), 300, errors);
        String type = Drafts.type(cell.apply("type"), errors);
        String activeCell = cell.apply("active");
        boolean active = true;
        if (activeCell != null) {
            switch (activeCell.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "y" -> active = true;
                case "false", "no", "0", "n" -> active = false;
                default -> errors.add("active must be true or false, was '" + activeCell + "'");
            }
        }
        int minAge = Drafts.age("min_age", cell.apply("min_age"), 0, errors);
        int maxAge = Drafts.age("max_age", cell.apply("max_age"), 130, errors);
        if (minAge > maxAge) {
            errors.add("min_age " + minAge + " is above max_age " + maxAge);
        }
        String sex = Drafts.sex(cell.apply("sex"), errors);
        List<Integer> groups = Drafts.symptomGroups(Drafts.split(cell.apply("symptom_groups"), ";"), errors);
        List<String> dispositions = Drafts.dispositions(Drafts.split(cell.apply("dispositions"), ";"), errors);
        List<String> methods = Drafts.referralMethods(Drafts.split(cell.apply("referral_methods"), ";"), errors);
        Double lat = Drafts.coordinate("latitude", cell.apply("latitude"), 90, errors);
        Double lon = Drafts.coordinate("longitude", cell.apply("longitude"), 180, errors);
        String postcode = cell.apply("postcode");
        String normalised = null;
        if (postcode != null) {
            try {
                normalised = Postcodes.normalise(postcode);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if ((lat == null) != (lon == null)) {
            errors.add("give both latitude and longitude, or neither");
        } else if (lat == null) {
            if (normalised == null) {
                errors.add("a location is required: latitude and longitude, or a known postcode");
            } else {
                Optional<Postcodes.Resolved> found = postcodes.apply(normalised);
                if (found.isEmpty()) {
                    errors.add("postcode " + normalised + " is not in the postcode table; give latitude and longitude");
                } else {
                    lat = found.get().latitude();
                    lon = found.get().longitude();
                }
            }
        }
        List<int[]> sessions = new ArrayList<>();
        for (int day = 1; day <= 8; day++) {
            String hours = cell.apply(DAYS[day]);
            if (hours == null || hours.equalsIgnoreCase("closed")) {
                continue;
            }
            for (String part : hours.split(";")) {
                String p = part.trim();
                if (p.equalsIgnoreCase("24h")) {
                    sessions.add(new int[] {day, 0, 1440});
                    continue;
                }
                String[] times = p.split("-");
                if (times.length != 2) {
                    errors.add(DAYS[day] + ": '" + p + "' is not HH:MM-HH:MM");
                    continue;
                }
                int[] s = Drafts.session(day, times[0], times[1], errors);
                if (s != null) {
                    sessions.add(s);
                }
            }
        }
        List<ServiceDraft.Specified> specified = new ArrayList<>();
        for (String date : Drafts.split(cell.apply("closed_dates"), ";")) {
            try {
                specified.add(new ServiceDraft.Specified(LocalDate.parse(date.trim()), null, null));
            } catch (DateTimeParseException e) {
                errors.add("closed date '" + date.trim() + "' is not YYYY-MM-DD");
            }
        }
        if (!errors.isEmpty()) {
            return id == null ? null : new ServiceDraft(id, org, null, null, null, null, null, 0, 0, name, type,
                    null, null, active, minAge, maxAge, sex, groups, dispositions, methods, null, null, null, sessions,
                    specified);
        }
        return new ServiceDraft(id, org, cell.apply("organisation_name"), "loc-" + id, name, cell.apply("address"),
                normalised, lat, lon, name, type, cell.apply("region"), cell.apply("ods_code"), active, minAge, maxAge,
                sex, groups, dispositions, methods, cell.apply("telephone"), cell.apply("referral_endpoint"), null,
                sessions, specified);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
