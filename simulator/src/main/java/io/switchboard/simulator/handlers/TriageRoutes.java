package io.switchboard.simulator.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route through every pathway triage-service offers, read from its content API
 * ({@code GET /pathways/{id}/versions/{version}}), grouped by where the route ends.
 */
final class TriageRoutes {

    /** One way through a pathway: the answers to give, in order, and the disposition it reaches. */
    record Route(String pathwayId, int minAge, int maxAge, List<String> sexes, List<String[]> answers,
            String dispositionCode, String group) {
    }

    private final Map<String, List<Route>> byGroup = new LinkedHashMap<>();

    void addPathway(JsonNode detail) {
        Map<String, JsonNode> nodes = new HashMap<>();
        for (JsonNode node : detail.get("nodes")) {
            nodes.put(node.get("id").asText(), node);
        }
        JsonNode applicability = detail.path("applicability");
        List<String> sexes = new ArrayList<>();
        applicability.path("sexes").forEach(s -> sexes.add(s.asText()));
        walk(detail.get("id").asText(), applicability.path("minAgeYears").asInt(0),
                applicability.path("maxAgeYears").asInt(130), sexes, nodes, detail.get("start").asText(),
                new ArrayList<>());
    }

    private void walk(String pathway, int minAge, int maxAge, List<String> sexes, Map<String, JsonNode> nodes,
            String nodeId, List<String[]> path) {
        JsonNode node = nodes.get(nodeId);
        JsonNode disposition = node.get("disposition");
        if (disposition != null && !disposition.isNull()) {
            String group = disposition.path("transferToClinician").asBoolean()
                    ? DispositionMix.CLINICIAN : disposition.get("group").asText();
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(new Route(pathway, minAge, maxAge,
                    sexes.isEmpty() ? List.of("not-known") : sexes, List.copyOf(path),
                    disposition.get("code").asText(), group));
            return;
        }
        for (JsonNode answer : node.get("answers")) {
            path.add(new String[] {node.get("id").asText(), answer.get("id").asText()});
            walk(pathway, minAge, maxAge, sexes, nodes, answer.get("next").asText(), path);
            path.remove(path.size() - 1);
        }
    }

    List<Route> routesTo(String group) {
        return byGroup.getOrDefault(group, List.of());
    }

    /** The first route through a pathway that reaches a disposition. */
    java.util.Optional<Route> route(String pathwayId, String dispositionCode) {
        return byGroup.values().stream().flatMap(List::stream)
                .filter(r -> r.pathwayId().equals(pathwayId) && r.dispositionCode().equals(dispositionCode))
                .findFirst();
    }

    Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byGroup.forEach((g, r) -> counts.put(g, r.size()));
        return counts;
    }
}
