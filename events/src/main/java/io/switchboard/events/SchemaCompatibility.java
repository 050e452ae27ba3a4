package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the changes between a published JSON Schema and the current one that would break an <em>existing
 * consumer</em> of the topic (one written against the published schema, which ignores fields it does not know).
 *
 * <p>Checked, for the root object and recursively for every property's schema, array {@code items} and
 * {@code additionalProperties} schema (local {@code $ref}s such as {@code #/$defs/Disposition} are resolved):
 * <ul>
 *   <li>a property removed (a rename shows as a removal);</li>
 *   <li>a {@code type} changed in any way, narrowing or widening ({@code number -> integer},
 *       {@code ["string","null"] -> "string"}, {@code integer -> number}: a consumer parsing integers breaks);</li>
 *   <li>a required property becoming optional;</li>
 *   <li>an {@code enum} value removed, or an {@code enum} introduced where any value was allowed;</li>
 *   <li>a {@code format} or {@code pattern} changed, added or removed;</li>
 *   <li>a conditional requirement weakened: for each {@code if}/{@code then} (on the schema itself or in its
 *       {@code allOf}), the current schema must have an identical {@code if} whose {@code then.required} still
 *       contains every name the published one had.</li>
 * </ul>
 * Compatible: new optional or required properties, new enum values, changed descriptions and titles.
 *
 * <p>Not checked: {@code minimum}/{@code maximum}/{@code minLength}/{@code maxLength}, {@code const},
 * {@code anyOf}/{@code oneOf}/{@code not}, {@code allOf} members other than {@code if}/{@code then}, properties inside
 * {@code then}/{@code else}, {@code additionalProperties: false}, and {@code $ref}s to other documents (reported as
 * unresolvable). Review those by hand.
 */
public final class SchemaCompatibility {

    private static final String PUBLISHED = "schemas/published/";

    private SchemaCompatibility() {
    }

    /** Breaking changes of the current schema of {@code topic} against its published baseline. */
    public static List<String> againstPublished(String topic) {
        return breakingChanges(publishedSchema(topic), EventSchemas.schemaDocument(topic));
    }

    /** The published baseline of a topic's schema, from {@code schemas/published/<topic>.schema.json}. */
    public static JsonNode publishedSchema(String topic) {
        String resource = PUBLISHED + topic + ".schema.json";
        try (InputStream in = SchemaCompatibility.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no published baseline for " + topic + ": " + resource);
            }
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return one sentence per breaking change, each starting with the JSON path concerned; empty when compatible */
    public static List<String> breakingChanges(JsonNode published, JsonNode current) {
        List<String> problems = new ArrayList<>();
        new Walk(published, current, problems).compare("$", published, current);
        return problems;
    }

    private record Walk(JsonNode baseRoot, JsonNode currentRoot, List<String> problems) {

        void compare(String path, JsonNode baseNode, JsonNode currentNode) {
            JsonNode base = resolve(path, baseRoot, baseNode, "published");
            JsonNode current = resolve(path, currentRoot, currentNode, "current");
            if (base == null || current == null) {
                return;
            }
            Set<String> baseTypes = types(base);
            Set<String> currentTypes = types(current);
            if (!baseTypes.equals(currentTypes)) {
                problems.add(path + ": type changed from " + describe(baseTypes) + " to " + describe(currentTypes));
            }
            compareEnum(path, base, current);
            compareText(path, "format", base, current);
            compareText(path, "pattern", base, current);
            compareRequired(path, base, current);
            compareConditions(path, base, current);

            JsonNode baseProperties = base.path("properties");
            JsonNode currentProperties = current.path("properties");
            for (Map.Entry<String, JsonNode> property : baseProperties.properties()) {
                String propertyPath = path + "." + property.getKey();
                if (!currentProperties.has(property.getKey())) {
                    problems.add(propertyPath + ": property removed (or renamed); consumers reading it get nothing");
                } else {
                    compare(propertyPath, property.getValue(), currentProperties.get(property.getKey()));
                }
            }
            if (base.path("items").isObject()) {
                compareChild(path + "[]", "items", base, current);
            }
            if (base.path("additionalProperties").isObject()) {
                compareChild(path + ".*", "additionalProperties", base, current);
            }
        }

        private void compareChild(String path, String keyword, JsonNode base, JsonNode current) {
            if (current.path(keyword).isObject()) {
                compare(path, base.get(keyword), current.get(keyword));
            } else {
                problems.add(path + ": the " + keyword + " schema was removed, so values are no longer constrained");
            }
        }

        private void compareEnum(String path, JsonNode base, JsonNode current) {
            if (!current.has("enum")) {
                return; // any value allowed now: only added values, which consumers must tolerate
            }
            if (!base.has("enum")) {
                problems.add(path + ": values now restricted to an enum " + current.get("enum"));
                return;
            }
            Set<JsonNode> currentValues = new HashSet<>();
            current.get("enum").forEach(currentValues::add);
            for (JsonNode value : base.get("enum")) {
                if (!currentValues.contains(value)) {
                    problems.add(path + ": enum value " + value + " removed");
                }
            }
        }

        private void compareText(String path, String keyword, JsonNode base, JsonNode current) {
            String was = base.path(keyword).asText(null);
            String now = current.path(keyword).asText(null);
            if (was == null ? now != null : !was.equals(now)) {
                problems.add(path + ": " + keyword + " changed from " + quote(was) + " to " + quote(now));
            }
        }

        private void compareRequired(String path, JsonNode base, JsonNode current) {
            Set<String> now = names(current.path("required"));
            for (String name : names(base.path("required"))) {
                if (!now.contains(name)) {
                    problems.add(path + "." + name + ": was required, is now optional");
                }
            }
        }

        /** Each published if/then must still exist with the same if and at least the same then.required. */
        private void compareConditions(String path, JsonNode base, JsonNode current) {
            List<JsonNode> currentConditions = conditions(current);
            for (JsonNode condition : conditions(base)) {
                JsonNode match = currentConditions.stream()
                        .filter(c -> c.get("if").equals(condition.get("if")))
                        .findFirst().orElse(null);
                Set<String> required = names(condition.path("then").path("required"));
                if (match == null) {
                    problems.add(path + ": conditional requirement removed or its condition changed: if "
                            + condition.get("if") + " then required " + required);
                    continue;
                }
                Set<String> now = names(match.path("then").path("required"));
                for (String name : required) {
                    if (!now.contains(name)) {
                        problems.add(path + "." + name + ": no longer required when " + condition.get("if"));
                    }
                }
            }
        }

        private static List<JsonNode> conditions(JsonNode schema) {
            List<JsonNode> found = new ArrayList<>();
            if (schema.has("if")) {
                found.add(schema);
            }
            for (JsonNode member : schema.path("allOf")) {
                if (member.has("if")) {
                    found.add(member);
                }
            }
            return found;
        }

        /** Follows local $refs (JSON pointers into the same document); null, with a problem, if one cannot be. */
        private JsonNode resolve(String path, JsonNode root, JsonNode node, String which) {
            Set<String> seen = new LinkedHashSet<>();
            while (node != null && node.has("$ref")) {
                String ref = node.get("$ref").asText();
                if (!ref.startsWith("#") || !seen.add(ref)) {
                    problems.add(path + ": cannot resolve $ref " + ref + " in the " + which + " schema");
                    return null;
                }
                JsonNode target = root.at(ref.substring(1));
                if (target.isMissingNode()) {
                    problems.add(path + ": $ref " + ref + " points nowhere in the " + which + " schema");
                    return null;
                }
                node = target;
            }
            return node;
        }

        private static Set<String> types(JsonNode schema) {
            Set<String> types = new TreeSet<>();
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else if (type.isTextual()) {
                types.add(type.asText());
            }
            return types;
        }

        private static Set<String> names(JsonNode array) {
            Set<String> names = new TreeSet<>();
            array.forEach(n -> names.add(n.asText()));
            return names;
        }

        private static String describe(Set<String> types) {
            return types.isEmpty() ? "(any)" : types.size() == 1 ? types.iterator().next() : types.toString();
        }

        private static String quote(String value) {
            return value == null ? "(none)" : "\"" + value + "\"";
        }
    }
}
