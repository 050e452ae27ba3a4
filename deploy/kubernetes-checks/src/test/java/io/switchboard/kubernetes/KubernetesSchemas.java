package io.switchboard.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a manifest against the schema of its kind.
 *
 * <ul>
 * <li><b>Kubernetes' own kinds</b>: the models of the official Kubernetes Java client
 * ({@code io.kubernetes:client-java-api}), which are generated from the Kubernetes OpenAPI document. Each model's
 * {@code validateJsonElement} refuses a field the schema does not define, a missing required field and an object
 * or array where the schema has another JSON type; the manifest is then read into the model and written back, and
 * must come back unchanged, which catches wrong scalar types (a string where an integer belongs) and values the
 * model cannot represent (an unparsable quantity).</li>
 * <li><b>Strimzi</b> ({@code kafka.strimzi.io/v1}): Strimzi's API model ({@code io.strimzi:api}, from which Strimzi
 * generates its CRDs), read strictly: unknown fields, wrong scalar types and unknown enum values fail.</li>
 * <li><b>ServiceMonitor</b> ({@code monitoring.coreos.com/v1}): fabric8's model of the Prometheus Operator CRD,
 * read the same way.</li>
 * </ul>
 * Any other kind fails: the chart must not render what the checks cannot validate.
 */
final class KubernetesSchemas {

    private static final String K8S_MODELS = "io.kubernetes.client.openapi.models.";

    /** Kubernetes kinds the chart may render, by apiVersion/kind, to the model class of that version. */
    private static final Map<String, String> CORE = Map.ofEntries(
            Map.entry("v1/ConfigMap", "V1ConfigMap"),
            Map.entry("v1/Secret", "V1Secret"),
            Map.entry("v1/Service", "V1Service"),
            Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
            Map.entry("v1/PersistentVolumeClaim", "V1PersistentVolumeClaim"),
            Map.entry("apps/v1/Deployment", "V1Deployment"),
            Map.entry("apps/v1/StatefulSet", "V1StatefulSet"),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"),
            Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "V1Ingress"));

    private static final Map<String, Class<?>> CUSTOM = Map.of(
            "kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1/KafkaUser", KafkaUser.class,
            "kafka.strimzi.io/v1/Kafka", Kafka.class,
            "kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Strict: unknown properties, scalars of the wrong type and unknown enum values all fail. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private KubernetesSchemas() {
    }

    /** The kinds this class can validate, as apiVersion/kind. */
    static Set<String> kinds() {
        Set<String> all = new java.util.TreeSet<>(CORE.keySet());
        all.addAll(CUSTOM.keySet());
        return all;
    }

    /** The problems of one manifest; empty when it is valid. */
    static List<String> problems(JsonNode manifest) {
        String id = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        String where = id + " " + manifest.path("metadata").path("name").asText();
        List<String> problems = new ArrayList<>();
        if (!manifest.path("metadata").path("name").isTextual()) {
            problems.add(where + ": metadata.name missing");
        }
        try {
            if (CORE.containsKey(id)) {
                validateCore(CORE.get(id), manifest, where, problems);
            } else if (CUSTOM.containsKey(id)) {
                validateCustom(CUSTOM.get(id), manifest, where, problems);
            } else {
                problems.add(where + ": no schema known for this apiVersion and kind (known: " + kinds() + ")");
            }
        } catch (Exception e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            problems.add(where + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        return problems;
    }

    private static void validateCore(String model, JsonNode manifest, String where, List<String> problems)
            throws Exception {
        Class<?> type = Class.forName(K8S_MODELS + model);
        String json = JSON.writeValueAsString(manifest);
        JsonElement element = JsonParser.parseString(json);
        Method validate = type.getMethod("validateJsonElement", JsonElement.class);
        validate.invoke(null, element);
        Object parsed = io.kubernetes.client.openapi.JSON.getGson().fromJson(element, type);
        JsonNode back = JSON.readTree(io.kubernetes.client.openapi.JSON.serialize(parsed));
        compare(manifest, back, "", where, problems);
    }

    private static void validateCustom(Class<?> type, JsonNode manifest, String where, List<String> problems)
            throws Exception {
        Object parsed = STRICT.treeToValue(manifest, type);
        String version = manifest.path("apiVersion").asText().replaceAll(".*/", "");
        List<String> found = new ArrayList<>();
        walk(parsed, "", version, found, new IdentityHashMap<>());
        found.forEach(p -> problems.add(where + ": " + p));
    }

    /** A round trip through the model must give the manifest back: same fields, same JSON types, same values. */
    private static void compare(JsonNode expected, JsonNode actual, String path, String where, List<String> problems) {
        if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(f -> {
                JsonNode e = expected.get(f);
                JsonNode a = actual.get(f);
                if (e.isNull() || (e.isContainerNode() && e.isEmpty() && (a == null || a.isNull()))) {
                    return;
                }
                if (a == null) {
                    problems.add(where + ": " + path + "/" + f + " is not part of the schema");
                } else {
                    compare(e, a, path + "/" + f, where, problems);
                }
            });
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                problems.add(where + ": " + path + " should be an array");
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(expected.get(i), actual.get(i), path + "/" + i, where, problems);
            }
        } else if (expected.getNodeType() != actual.getNodeType() || !expected.asText().equals(actual.asText())) {
            problems.add(where + ": " + path + " is " + expected + " (" + expected.getNodeType()
                    + "), the schema reads it as " + actual + " (" + actual.getNodeType() + ")");
        }
    }

    /**
     * Walks a Strimzi or fabric8 model. Those keep fields they do not know in an "additional properties" map instead
     * of failing (Jackson's any-setter bypasses FAIL_ON_UNKNOWN_PROPERTIES): every such map must be empty. Strimzi's
     * own classes also carry the constraints of their CRD schema (StrimziConstraints).
     */
    private static void walk(Object o, String path, String version, List<String> problems,
            IdentityHashMap<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "/" + k, version, problems, seen));
            return;
        }
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                if (item == null) {
                    // Strimzi's enums read an unknown value as null.
                    problems.add(path + "/" + i + " is null or a value the schema does not allow");
                }
                walk(item, path + "/" + i++, version, problems, seen);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!(pkg.startsWith("io.strimzi") || pkg.startsWith("io.fabric8"))) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName();
            if (name.equals("getAdditionalProperties")) {
                Object extra = invoke(m, o);
                if (extra instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add((path.isEmpty() ? "/" : path) + " has fields the schema does not define: "
                            + unknown.keySet());
                }
                continue;
            }
            boolean getter = name.startsWith("get") && name.length() > 3;
            boolean is = name.startsWith("is") && name.length() > 2 && m.getReturnType() == boolean.class;
            if (!getter && !is) {
                continue;
            }
            String field = Character.toLowerCase(name.charAt(getter ? 3 : 2)) + name.substring(getter ? 4 : 3);
            Object value = invoke(m, o);
            if (pkg.startsWith("io.strimzi")) {
                StrimziConstraints.check(m, value, version, path + "/" + field, problems);
            }
            if (m.getReturnType().isPrimitive() || m.getReturnType().isEnum() || m.getReturnType() == String.class) {
                continue;
            }
            walk(value, path + "/" + field, version, problems, seen);
        }
    }

    private static Object invoke(Method m, Object o) {
        try {
            return m.invoke(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
