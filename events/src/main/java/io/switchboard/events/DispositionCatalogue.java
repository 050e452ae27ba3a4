package io.switchboard.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The disposition catalogue: every end point a triage can reach, by code, with what it means, how soon, the care
 * setting and the outcome group. It is part of the contract ({@value #RESOURCE} in this jar, described in
 * docs/events.md): triage-service validates its pathways against it and publishes its entries on
 * triage.outcomes.v1; directory-service loads its disposition table from it; other NHS systems read the same codes.
 *
 * <p>{@link #shared()} is the packaged catalogue. {@link #parse} checks a catalogue document and reports every
 * problem at once, each naming the file and the code.
 */
public final class DispositionCatalogue {

    /** Where the catalogue is on the classpath (in the switchboard-events jar). */
    public static final String RESOURCE = "catalogues/dispositions.json";
    /** The catalogue's file name, as problems and messages name it. */
    public static final String FILE = "dispositions.json";

    /** The outcome groups of the triage.outcomes.v1 schema. */
    public static final Set<String> GROUPS = Set.of("ambulance", "a-and-e", "primary-care", "other-service", "self-care");
    /** Groups a red-flag exit may lead to. */
    public static final Set<String> EMERGENCY_GROUPS = Set.of("ambulance", "a-and-e");
    /** Groups for which the directory searches no service (an ambulance is sent; the caller looks after themselves). */
    public static final Set<String> NO_SERVICE_GROUPS = Set.of("ambulance", "self-care");
    /** The 111 service's own clinicians (warm transfer, call-back): care within the call, not a service to find. */
    public static final String OWN_CLINICAL_ASSESSMENT = "clinical-assessment";

    /** Whether the directory must find a service for a disposition of this group and care setting. */
    public static boolean needsService(String group, String careSetting) {
        return !NO_SERVICE_GROUPS.contains(group) && !OWN_CLINICAL_ASSESSMENT.equals(careSetting);
    }

    /** The triage.outcomes.v1 schema's pattern for disposition codes. */
    public static final Pattern CODE = Pattern.compile("(Dx|SB)[A-Za-z0-9]{1,16}");
    /** How a project-defined code is written for people, e.g. SB-AMB-C1 for SBAMBC1. */
    public static final Pattern ALIAS = Pattern.compile("SB(-[A-Z0-9]+)+");
    private static final Pattern CARE_SETTING = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static volatile DispositionCatalogue shared;

    private final String file;
    private final String sha256;
    private final Map<String, Entry> byCode;

    private DispositionCatalogue(String file, String sha256, Map<String, Entry> byCode) {
        this.file = file;
        this.sha256 = sha256;
        this.byCode = Collections.unmodifiableMap(new LinkedHashMap<>(byCode));
    }

    /** What reaching a disposition does besides publishing it. */
    public enum Action {
        NONE,
        /** Ask the PBX (routing.commands.v1 transfer-call) to warm-transfer the call to a clinician now. */
        TRANSFER_TO_CLINICIAN
    }

    /**
     * One disposition.
     *
     * @param code             a Dx code of the public reference, or a project-defined code starting with SB
     * @param alias            the readable form of an SB code (SB-AMB-C1 for SBAMBC1); null for Dx codes
     * @param name             what the caller is told
     * @param timeframeMinutes how soon care is needed; 0 = at once
     * @param careSetting      lower-case-dash kind of care (emergency-ambulance, primary-care, own-gp, pharmacy...)
     * @param group            outcome group: ambulance, a-and-e, primary-care, other-service, self-care
     * @param action           what else reaching it does, or NONE
     * @param basis            where the timeframe comes from (the reference, or a documented project choice)
     */
    public record Entry(String code, String alias, String name, int timeframeMinutes, String careSetting,
            String group, Action action, String basis) {

        public boolean isEmergency() {
            return EMERGENCY_GROUPS.contains(group);
        }

        public boolean transfersToClinician() {
            return action == Action.TRANSFER_TO_CLINICIAN;
        }

        /**
         * False for ambulance responses, self-care and the 111 service's own clinical assessment (a warm transfer
         * or a clinician call-back): the directory chooses no service for them.
         */
        public boolean needsService() {
            return DispositionCatalogue.needsService(group, careSetting);
        }

        /** As it travels on triage.outcomes.v1 and calls.outcomes.v1. */
        public Disposition toEvent() {
            return new Disposition(code, name, timeframeMinutes, careSetting, group);
        }
    }

    /** A catalogue document that is not valid; {@link #problems()} lists every problem found. */
    public static final class InvalidCatalogueException extends RuntimeException {

        private final List<String> problems;

        public InvalidCatalogueException(List<String> problems) {
            super("Invalid disposition catalogue (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + "):\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The catalogue packaged in this jar ({@value #RESOURCE}), read and checked once. */
    public static DispositionCatalogue shared() {
        DispositionCatalogue catalogue = shared;
        if (catalogue == null) {
            synchronized (DispositionCatalogue.class) {
                if (shared == null) {
                    shared = parse(FILE, packagedBytes());
                }
                catalogue = shared;
            }
        }
        return catalogue;
    }

    /** The packaged catalogue's bytes, exactly as shipped. */
    public static byte[] packagedBytes() {
        try (InputStream in = DispositionCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("catalogue resource missing: " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks a catalogue document ({@code {"dispositions": [...]}}).
     *
     * @param file the name problems are reported under
     * @throws InvalidCatalogueException listing every problem, each as {@code <file>: disposition '<code>': ...}
     */
    public static DispositionCatalogue parse(String file, byte[] json) {
        Document document = read(file, json);
        if (document == null || document.dispositions() == null || document.dispositions().isEmpty()) {
            throw new InvalidCatalogueException(List.of(file + ": has no 'dispositions'"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Entry> byCode = new LinkedHashMap<>();
        Set<String> aliases = new HashSet<>();
        int index = 0;
        for (EntryDocument d : document.dispositions()) {
            index++;
            String where = file + ": disposition " + (d.code() == null ? "#" + index : "'" + d.code() + "'") + ": ";
            if (d.code() == null || !CODE.matcher(d.code()).matches()) {
                problems.add(where + "code must match ^(Dx|SB)[A-Za-z0-9]{1,16}$ (the triage.outcomes.v1 schema)");
                continue;
            }
            if (byCode.containsKey(d.code())) {
                problems.add(where + "is defined twice");
                continue;
            }
            checkAlias(where, d, aliases, problems);
            if (d.name() == null || d.name().isBlank()) {
                problems.add(where + "has no name");
            }
            if (d.timeframeMinutes() == null || d.timeframeMinutes() < 0) {
                problems.add(where + "timeframeMinutes must be 0 or more");
            }
            if (d.careSetting() == null || !CARE_SETTING.matcher(d.careSetting()).matches()) {
                problems.add(where + "careSetting must be lower case with dashes, e.g. primary-care");
            }
            if (d.group() == null || !GROUPS.contains(d.group())) {
                problems.add(where + "group must be one of " + new TreeSet<>(GROUPS));
            }
            Action action = Action.NONE;
            if ("transfer-to-clinician".equals(d.action())) {
                action = Action.TRANSFER_TO_CLINICIAN;
            } else if (d.action() != null) {
                problems.add(where + "action '" + d.action() + "' is unknown (known: transfer-to-clinician)");
            }
            if (d.basis() == null || d.basis().isBlank()) {
                problems.add(where + "has no basis (where its timeframe comes from)");
            }
            byCode.put(d.code(), new Entry(d.code(), d.alias(), d.name(),
                    d.timeframeMinutes() == null ? 0 : d.timeframeMinutes(), d.careSetting(), d.group(), action,
                    d.basis()));
        }
        if (problems.isEmpty() && byCode.values().stream().noneMatch(Entry::transfersToClinician)) {
            problems.add(file + ": no disposition has action transfer-to-clinician");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCatalogueException(problems);
        }
        return new DispositionCatalogue(file, sha256(json), byCode);
    }

    private static void checkAlias(String where, EntryDocument d, Set<String> aliases, List<String> problems) {
        if (d.code().startsWith("SB")) {
            if (d.alias() == null || !ALIAS.matcher(d.alias()).matches()) {
                problems.add(where + "a project-defined (SB) code needs an alias like SB-AMB-C1");
            } else if (!aliases.add(d.alias())) {
                problems.add(where + "alias '" + d.alias() + "' is used twice");
            } else if (!d.alias().replace("-", "").equals(d.code())) {
                problems.add(where + "alias '" + d.alias() + "' must be the code with dashes added");
            }
        } else if (d.alias() != null) {
            problems.add(where + "only project-defined (SB) codes have an alias");
        }
    }

    /** The name problems and messages use for this catalogue ({@value #FILE} for the packaged one). */
    public String file() {
        return file;
    }

    /** SHA-256 (hex) of the document as read: changes whenever any entry does. */
    public String sha256() {
        return sha256;
    }

    public Optional<Entry> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Every entry, in the document's order. */
    public Collection<Entry> all() {
        return byCode.values();
    }

    private record Document(String description, List<EntryDocument> dispositions) {
    }

    private record EntryDocument(String code, String alias, String name, Integer timeframeMinutes,
            String careSetting, String group, String action, String basis) {
    }

    private static Document read(String file, byte[] json) {
        try {
            return STRICT.readValue(json, Document.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? ""
                    : " (known here: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")) + ")";
            throw new InvalidCatalogueException(List.of(file + ": line " + e.getLocation().getLineNr()
                    + ": unknown property '" + e.getPropertyName() + "'" + known));
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new InvalidCatalogueException(List.of(file + ": " + line + "not valid: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n")
                            .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
