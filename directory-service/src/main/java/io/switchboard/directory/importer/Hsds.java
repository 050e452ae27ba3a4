package io.switchboard.directory.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.directory.model.WeeklyHours;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Open Referral (HSDS 3.0) JSON shape, both ways (docs/directory.md, "HSDS mapping"): organizations,
 * locations and services, each service with its service_at_locations, phones, schedules, attributes and
 * service_capacity. What HSDS has no field for (type, dispositions, referral methods, sex, symptom groups, region,
 * bank-holiday sessions, closed days, the RAG capacity) travels as attributes with {@code switchboard-*} taxonomy
 * vocabularies.
 */
public final class Hsds {

    public static final String V_TYPE = "switchboard-service-type";
    public static final String V_DISPOSITION = "switchboard-disposition";
    public static final String V_REFERRAL = "switchboard-referral-method";
    public static final String V_SEX = "switchboard-sex";
    public static final String V_SYMPTOM_GROUP = "switchboard-symptom-group";
    public static final String V_REGION = "switchboard-region";
    public static final String V_ODS = "switchboard-ods-code";
    public static final String V_SCHEDULE = "switchboard-schedule";
    public static final String BANK_HOLIDAY = "bank-holiday";
    public static final String CLOSED = "closed";
    public static final String CAPACITY_UNIT = "switchboard-capacity-rag";
    static final String[] BYDAY = {null, "MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Hsds() {
    }

    record Parsed(List<ServiceDraft> good, List<String> goodCapacity, List<ImportReport.Rejected> rejected,
            int read) {
    }

    /**
     * @param knownOrganisation whether an organisation id exists in the database already
     */
    static Parsed parse(JsonNode doc, Predicate<String> knownOrganisation) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("An HSDS document is a JSON object with organizations, locations and services");
        }
        List<ImportReport.Rejected> rejected = new ArrayList<>();
        Map<String, String> organisations = new HashMap<>();
        Set<String> badOrganisations = new HashSet<>();
        JsonNode orgs = doc.path("organizations");
        for (int i = 0; i < orgs.size(); i++) {
            JsonNode o = orgs.get(i);
            List<String> errors = new ArrayList<>();
            String id = Drafts.id("id", text(o, "id"), errors);
            String name = Drafts.required("name", text(o, "name"), 300, errors);
            if (errors.isEmpty()) {
                organisations.put(id, name);
            } else {
                badOrganisations.add(id);
                rejected.add(new ImportReport.Rejected(null, "organizations", i, id, String.join("; ", errors)));
            }
        }
        Map<String, JsonNode> locations = new HashMap<>();
        Map<String, String> badLocations = new HashMap<>();
        JsonNode locs = doc.path("locations");
        for (int i = 0; i < locs.size(); i++) {
            JsonNode l = locs.get(i);
            List<String> errors = new ArrayList<>();
            String id = Drafts.id("id", text(l, "id"), errors);
            location(l, errors);
            if (errors.isEmpty()) {
                locations.put(id, l);
            } else {
                badLocations.put(id, String.join("; ", errors));
                rejected.add(new ImportReport.Rejected(null, "locations", i, id, String.join("; ", errors)));
            }
        }
        List<ServiceDraft> good = new ArrayList<>();
        List<String> capacities = new ArrayList<>();
        JsonNode services = doc.path("services");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            JsonNode s = services.get(i);
            List<String> errors = new ArrayList<>();
            String id = Drafts.id("id", text(s, "id"), errors);
            if (id != null && !seen.add(id)) {
                errors.add("service " + id + " appears twice");
            }
            String orgId = Drafts.id("organization_id", text(s, "organization_id"), errors);
            if (orgId != null && badOrganisations.contains(orgId)) {
                errors.add("its organization " + orgId + " was rejected");
            } else if (orgId != null && !organisations.containsKey(orgId) && !knownOrganisation.test(orgId)) {
                errors.add("organization " + orgId + " is neither in this document nor in the directory");
            }
            String name = Drafts.required("name", text(s, "name"), 300, errors);
            String status = text(s, "status");
            if (status != null && !Set.of("active", "inactive", "defunct", "temporarily closed").contains(status)) {
                errors.add("status must be active, inactive, defunct or temporarily closed");
            }
            Map<String, List<String>> attributes = attributes(s.path("attributes"));
            List<String> types = attributes.getOrDefault(V_TYPE, List.of());
            String type = types.size() == 1 ? Drafts.type(types.get(0), errors) : null;
            if (types.size() != 1) {
                errors.add("exactly one attribute of vocabulary " + V_TYPE + " is required");
            }
            List<String> dispositions = Drafts.dispositions(attributes.getOrDefault(V_DISPOSITION, List.of()), errors);
            List<String> methods = Drafts.referralMethods(attributes.getOrDefault(V_REFERRAL, List.of()), errors);
            List<String> sexes = attributes.getOrDefault(V_SEX, List.of());
            String sex = Drafts.sex(sexes.isEmpty() ? null : sexes.get(0), errors);
            List<Integer> groups = Drafts.symptomGroups(attributes.getOrDefault(V_SYMPTOM_GROUP, List.of()), errors);
            int minAge = Drafts.age("minimum_age", text(s, "minimum_age"), 0, errors);
            int maxAge = Drafts.age("maximum_age", text(s, "maximum_age"), 130, errors);
            if (minAge > maxAge) {
                errors.add("minimum_age " + minAge + " is above maximum_age " + maxAge);
            }
            JsonNode sal = s.path("service_at_locations");
            JsonNode location = null;
            String locationId = null;
            if (sal.size() != 1) {
                errors.add("exactly one service_at_locations entry is required");
            } else {
                JsonNode entry = sal.get(0);
                if (entry.has("location") && entry.get("location").isObject()) {
                    location = entry.get("location");
                    locationId = Drafts.id("location id", text(location, "id"), errors);
                    location(location, errors);
                } else {
                    locationId = text(entry, "location_id");
                    if (locationId == null) {
                        errors.add("service_at_locations[0] needs location_id or location");
                    } else if (badLocations.containsKey(locationId)) {
                        errors.add("its location " + locationId + " was rejected");
                    } else {
                        location = locations.get(locationId);
                        if (location == null) {
                            errors.add("location " + locationId + " is not in this document");
                        }
                    }
                }
            }
            List<int[]> sessions = new ArrayList<>();
            List<ServiceDraft.Specified> specified = new ArrayList<>();
            JsonNode schedules = s.path("schedules");
            for (int k = 0; k < schedules.size(); k++) {
                schedule(schedules.get(k), k, sessions, specified, errors);
            }
            String capacity = capacity(s.path("service_capacity"), errors);
            if (!errors.isEmpty() || location == null) {
                rejected.add(new ImportReport.Rejected(null, "services", i, id, String.join("; ", errors)));
                continue;
            }
            JsonNode address = location.path("addresses").path(0);
            String postcode = text(address, "postal_code");
            String addressText = join(text(address, "address_1"), text(address, "city"));
            JsonNode phone = s.path("phones").path(0);
            List<String> regions = attributes.getOrDefault(V_REGION, List.of());
            List<String> ods = attributes.getOrDefault(V_ODS, List.of());
            good.add(new ServiceDraft(id, orgId, organisations.get(orgId), locationId, text(location, "name"),
                    addressText, postcode, location.path("latitude").asDouble(), location.path("longitude").asDouble(),
                    name, type, regions.isEmpty() ? null : regions.get(0), ods.isEmpty() ? null : ods.get(0),
                    status == null || status.equals("active"), minAge, maxAge, sex, groups, dispositions, methods,
                    text(phone, "number"), text(s, "url"), text(s, "description"), sessions, specified));
            capacities.add(capacity);
        }
        return new Parsed(good, capacities, rejected, services.size());
    }

    private static void location(JsonNode l, List<String> errors) {
        JsonNode lat = l.path("latitude");
        JsonNode lon = l.path("longitude");
        if (!lat.isNumber() || !lon.isNumber()) {
            errors.add("location latitude and longitude are required numbers");
        } else if (Math.abs(lat.asDouble()) > 90 || Math.abs(lon.asDouble()) > 180) {
            errors.add("location coordinates out of range");
        }
    }

    private static void schedule(JsonNode sc, int k, List<int[]> sessions, List<ServiceDraft.Specified> specified,
            List<String> errors) {
        String where = "schedules[" + k + "]: ";
        Map<String, List<String>> attributes = attributes(sc.path("attributes"));
        List<String> flags = attributes.getOrDefault(V_SCHEDULE, List.of());
        String opens = text(sc, "opens_at");
        String closes = text(sc, "closes_at");
        String validFrom = text(sc, "valid_from");
        String validTo = text(sc, "valid_to");
        List<String> local = new ArrayList<>();
        if (flags.contains(BANK_HOLIDAY)) {
            int[] s = Drafts.session(8, opens, closes, local);
            if (s != null) {
                sessions.add(s);
            }
        } else if (validFrom != null && "WEEKLY".equalsIgnoreCase(text(sc, "freq")) == false
                && text(sc, "byday") == null) {
            try {
                LocalDate from = LocalDate.parse(validFrom);
                LocalDate to = validTo == null ? from : LocalDate.parse(validTo);
                if (to.isBefore(from) || to.isAfter(from.plusDays(366))) {
                    local.add("valid_to must be on or after valid_from, within a year");
                } else if (flags.contains(CLOSED) || (opens == null && closes == null)) {
                    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                        specified.add(new ServiceDraft.Specified(d, null, null));
                    }
                } else {
                    int[] s = Drafts.session(1, opens, closes, local);
                    if (s != null) {
                        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                            specified.add(new ServiceDraft.Specified(d, s[1], s[2]));
                        }
                    }
                }
            } catch (DateTimeParseException e) {
                local.add("valid_from/valid_to must be YYYY-MM-DD");
            }
        } else {
            if (!"WEEKLY".equalsIgnoreCase(text(sc, "freq"))) {
                local.add("freq must be WEEKLY (or give valid_from for a specified date)");
            }
            String byday = text(sc, "byday");
            if (byday == null) {
                local.add("byday is required (MO,TU,WE,TH,FR,SA,SU)");
            } else {
                for (String day : byday.split(",")) {
                    int d = dayOf(day.trim());
                    if (d == 0) {
                        local.add("byday '" + day.trim() + "' is not MO..SU");
                        continue;
                    }
                    int[] s = Drafts.session(d, opens, closes, local);
                    if (s != null) {
                        sessions.add(s);
                    }
                }
            }
        }
        local.forEach(e -> errors.add(where + e));
    }

    private static String capacity(JsonNode capacities, List<String> errors) {
        for (JsonNode c : capacities) {
            if (CAPACITY_UNIT.equals(text(c.path("unit"), "name"))) {
                String description = text(c, "description");
                if (description == null || !Set.of("green", "amber", "red").contains(description)) {
                    errors.add("service_capacity of unit " + CAPACITY_UNIT + " needs description green, amber or red");
                    return null;
                }
                return description;
            }
        }
        return null;
    }

    private static int dayOf(String byday) {
        for (int d = 1; d <= 7; d++) {
            if (BYDAY[d].equalsIgnoreCase(byday)) {
                return d;
            }
        }
        return 0;
    }

    static Map<String, List<String>> attributes(JsonNode list) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode a : list) {
            JsonNode term = a.path("taxonomy_term");
            String vocabulary = text(term, "vocabulary");
            String code = text(term, "code");
            if (code == null) {
                code = text(a, "value");
            }
            if (vocabulary != null && code != null) {
                out.computeIfAbsent(vocabulary, v -> new ArrayList<>()).add(code);
            }
        }
        return out;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s.trim();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }

    // ---- export ------------------------------------------------------------------------------------------------

    static ObjectNode attribute(String vocabulary, String code) {
        ObjectNode a = JSON.objectNode();
        a.putObject("taxonomy_term").put("vocabulary", vocabulary).put("code", code);
        return a;
    }

    /** One service in the HSDS shape (the caller adds location, schedules and capacity). */
    static ObjectNode service(String id, String orgId, String name, String description, boolean active, int minAge,
            int maxAge, String type, String region, String ods, String sex, List<Integer> groups,
            List<String> dispositions, List<String> methods, String telephone, String url) {
        ObjectNode s = JSON.objectNode();
        s.put("id", id).put("organization_id", orgId).put("name", name);
        if (description != null) {
            s.put("description", description);
        }
        if (url != null) {
            s.put("url", url);
        }
        s.put("status", active ? "active" : "inactive").put("minimum_age", minAge).put("maximum_age", maxAge);
        ArrayNode attributes = s.putArray("attributes");
        attributes.add(attribute(V_TYPE, type));
        dispositions.forEach(d -> attributes.add(attribute(V_DISPOSITION, d)));
        methods.forEach(m -> attributes.add(attribute(V_REFERRAL, m)));
        attributes.add(attribute(V_SEX, sex));
        groups.forEach(g -> attributes.add(attribute(V_SYMPTOM_GROUP, Integer.toString(g))));
        if (region != null) {
            attributes.add(attribute(V_REGION, region));
        }
        if (ods != null) {
            attributes.add(attribute(V_ODS, ods));
        }
        ArrayNode phones = s.putArray("phones");
        if (telephone != null) {
            phones.addObject().put("id", id + "-phone").put("number", telephone);
        }
        return s;
    }

    static ObjectNode weekly(String serviceId, int day, int opens, int closes) {
        ObjectNode sc = JSON.objectNode();
        sc.put("service_id", serviceId);
        if (day == WeeklyHours.BANK_HOLIDAY) {
            sc.put("description", "Bank holidays");
            sc.putArray("attributes").add(attribute(V_SCHEDULE, BANK_HOLIDAY));
        } else {
            sc.put("freq", "WEEKLY").put("byday", BYDAY[day]);
        }
        sc.put("opens_at", WeeklyHours.clock(opens)).put("closes_at", WeeklyHours.clock(closes));
        return sc;
    }

    static ObjectNode specifiedDate(String serviceId, LocalDate date, Integer opens, Integer closes) {
        ObjectNode sc = JSON.objectNode();
        sc.put("service_id", serviceId).put("valid_from", date.toString()).put("valid_to", date.toString());
        if (opens == null) {
            sc.put("description", "Closed");
            sc.putArray("attributes").add(attribute(V_SCHEDULE, CLOSED));
        } else {
            sc.put("opens_at", WeeklyHours.clock(opens)).put("closes_at", WeeklyHours.clock(closes));
        }
        return sc;
    }
}
