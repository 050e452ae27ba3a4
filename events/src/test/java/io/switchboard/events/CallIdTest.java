package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallIdTest {

    @Test
    void joinsPbxIdAndLinkedid() {
        assertThat(CallId.of("pbx-leeds-1", "1718960000.1234")).isEqualTo("pbx-leeds-1:1718960000.1234");
        assertThat(CallId.isValid("pbx-leeds-1:1718960000.1234")).isTrue();
    }

    @Test
    void sameLinkedidOnTwoPbxsGivesTwoCallIds() {
        assertThat(CallId.of("pbx-a", "1718960000.1")).isNotEqualTo(CallId.of("pbx-b", "1718960000.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PBX-1", "pbx_1", "-pbx", "pbx:1", ""})
    void rejectsBadPbxIds(String pbxId) {
        assertThatThrownBy(() -> CallId.of(pbxId, "1718960000.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PBX id");
    }

    @Test
    void rejectsMissingOrBadLinkedid() {
        assertThatThrownBy(() -> CallId.of(null, "1.1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallId.of("pbx", null)).hasMessageContaining("Linkedid is missing");
        assertThatThrownBy(() -> CallId.of("pbx", " ")).hasMessageContaining("Linkedid is missing");
        assertThatThrownBy(() -> CallId.of("pbx", "17189 60000.1")).hasMessageContaining("characters");
        assertThatThrownBy(() -> CallId.of("pbx", "a:b")).hasMessageContaining("characters");
        assertThatThrownBy(() -> CallId.of("pbx", "1".repeat(65))).hasMessageContaining("characters");
        assertThatThrownBy(() -> CallId.of("p".repeat(64), "1.1")).hasMessageContaining("PBX id");
    }

    @Test
    void lengthLimits() {
        assertThat(CallId.of("p".repeat(63), "1".repeat(64))).hasSize(63 + 1 + 64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1718960000.1234", "pbx:", ":1.1", "Pbx:1.1", "pbx:1.1:2", "pbx:+447700900123"})
    void isValidRejects(String callId) {
        assertThat(CallId.isValid(callId)).isFalse();
    }

    @Test
    void isValidRejectsNull() {
        assertThat(CallId.isValid(null)).isFalse();
    }

    /** The schemas must say exactly what the Java pattern says, wherever a callId appears. */
    @Test
    void schemasUseTheSamePattern() {
        String anchored = "^" + CallId.PATTERN.pattern() + "$";
        int found = 0;
        for (Topics.TopicSpec spec : Topics.ALL) {
            var schema = EventSchemas.schemaDocument(spec.name());
            var callId = schema.path("properties").path("callId");
            if (!callId.isMissingNode()) {
                assertThat(callId.path("pattern").asText()).as(spec.name()).isEqualTo(anchored);
                found++;
            }
            var pbxId = schema.path("properties").path("pbxId");
            if (!pbxId.isMissingNode()) {
                assertThat(pbxId.path("pattern").asText()).as(spec.name()).isEqualTo("^" + CallId.PBX_ID.pattern() + "$");
            }
        }
        assertThat(found).isEqualTo(5);
    }
}
