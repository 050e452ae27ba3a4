package io.switchboard.triage.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.events.CallId;
import org.junit.jupiter.api.Test;

class RequestsTest {

    @Test
    void callIdsAreValidatedWithTheContractsPattern() {
        assertThat(Requests.CALL_ID).isEqualTo(CallId.PATTERN.pattern());
    }

    @Test
    void postcodesAreNormalisedForTheDirectory() {
        assertThat(new Requests.Location("ls14ap", null, null).normalisedPostcode()).isEqualTo("LS1 4AP");
        assertThat(new Requests.Location("SW1A1AA", null, null).normalisedPostcode()).isEqualTo("SW1A 1AA");
        assertThat(new Requests.Location("m1 1ae", null, null).normalisedPostcode()).isEqualTo("M1 1AE");
        assertThat(new Requests.Location(null, 53.8, -1.55).normalisedPostcode()).isNull();
    }

    @Test
    void aLocationNeedsAPostcodeOrBothCoordinates() {
        assertThat(new Requests.Location("LS1 4AP", null, null).isComplete()).isTrue();
        assertThat(new Requests.Location(null, 53.8, -1.55).isComplete()).isTrue();
        assertThat(new Requests.Location("LS1 4AP", 53.8, -1.55).isComplete()).isTrue();
        assertThat(new Requests.Location(null, 53.8, null).isComplete()).isFalse();
        assertThat(new Requests.Location("LS1 4AP", null, -1.55).isComplete()).isFalse();
        assertThat(new Requests.Location(null, null, null).isComplete()).isFalse();
    }
}
