package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.BiConsumer;

/** Test helper: visits every property declared anywhere in a schema document, and resolves local $refs. */
final class SchemaWalk {

    private SchemaWalk() {
    }

    /**
     * Calls {@code visitor} with a path and the property schema for every entry of every "properties" object,
     * except inside {@code if} conditions.
     */
    static void properties(JsonNode schema, BiConsumer<String, JsonNode> visitor) {
        walk("$", schema, visitor);
    }

    private static void walk(String path, JsonNode node, BiConsumer<String, JsonNode> visitor) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), visitor);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals("if")) {
                continue; // a condition only refers to properties declared elsewhere
            }
            if (field.getKey().equals("properties") && field.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                    String propertyPath = path + "." + property.getKey();
                    visitor.accept(propertyPath, property.getValue());
                    walk(propertyPath, property.getValue(), visitor);
                }
            } else {
                walk(path + "/" + field.getKey(), field.getValue(), visitor);
            }
        }
    }

    /** Follows a local {@code $ref} (to {@code #/$defs/...}); returns the node itself when it has none. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
