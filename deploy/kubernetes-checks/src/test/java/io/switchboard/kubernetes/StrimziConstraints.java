package io.switchboard.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.strimzi.crdgenerator.annotations.Maximum;
import io.strimzi.crdgenerator.annotations.Minimum;
import io.strimzi.crdgenerator.annotations.Pattern;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The constraints Strimzi's CRD generator turns into the CRDs' OpenAPI schemas, read from the annotations of
 * Strimzi's model classes: which fields exist in a given API version (v1 dropped several), which are required, and
 * minimum, maximum and pattern of values.
 */
final class StrimziConstraints {

    /** Strimzi's API versions, oldest first. */
    private static final List<String> VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

    private StrimziConstraints() {
    }

    /** Checks the property a getter reads; value is what it returned. */
    static void check(Method getter, Object value, String version, String path, List<String> problems) {
        if (getter.isAnnotationPresent(JsonIgnore.class)) {
            return;
        }
        boolean present = value != null && !(value instanceof Collection<?> c && c.isEmpty())
                && !(value instanceof Map<?, ?> m && m.isEmpty());
        PresentInVersions in = getter.getAnnotation(PresentInVersions.class);
        if (present && in != null && !inRange(in.value(), version)) {
            problems.add(path + " does not exist in " + version + " (only in " + in.value() + ")");
        }
        RequiredInVersions required = getter.getAnnotation(RequiredInVersions.class);
        JsonProperty json = getter.getAnnotation(JsonProperty.class);
        boolean isRequired = (required != null && inRange(required.value(), version))
                || (json != null && json.required() && (in == null || inRange(in.value(), version)));
        if (isRequired && !present) {
            problems.add(path + " is required in " + version);
        }
        if (value instanceof Number n) {
            Minimum min = getter.getAnnotation(Minimum.class);
            Maximum max = getter.getAnnotation(Maximum.class);
            boolean primitiveUnset = getter.getReturnType().isPrimitive() && n.longValue() == 0 && min != null
                    && min.value() > 0;
            if (min != null && n.longValue() < min.value()) {
                problems.add(path + " is " + n + (primitiveUnset ? " (missing?)" : "") + ", below the minimum "
                        + min.value());
            }
            if (max != null && n.longValue() > max.value()) {
                problems.add(path + " is " + n + ", above the maximum " + max.value());
            }
        }
        Pattern pattern = getter.getAnnotation(Pattern.class);
        if (pattern != null && value instanceof String s && !java.util.regex.Pattern.compile(pattern.value())
                .matcher(s).find()) {
            problems.add(path + " is \"" + s + "\", which does not match " + pattern.value());
        }
    }

    /** Whether a Strimzi version range ("v1beta2", "v1alpha1-v1beta2", "v1+") contains the version. */
    static boolean inRange(String range, String version) {
        int v = VERSIONS.indexOf(version);
        for (String part : range.split(",")) {
            part = part.trim();
            if (part.equals("all")) {
                return true;
            }
            if (part.endsWith("+") && v >= VERSIONS.indexOf(part.substring(0, part.length() - 1))) {
                return true;
            }
            int dash = part.indexOf('-');
            if (dash > 0 && v >= VERSIONS.indexOf(part.substring(0, dash))
                    && v <= VERSIONS.indexOf(part.substring(dash + 1))) {
                return true;
            }
            if (part.equals(version)) {
                return true;
            }
        }
        return false;
    }
}
