package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

    private static final CloudEventHeaders.Envelope ENVELOPE = new CloudEventHeaders.Envelope(
            "pbx-leeds-1:1718960000.1234:3", CloudEventHeaders.sourceOf("call-ingest"),
            EventTypes.callLifecycle(CallStep.ANSWERED), Instant.parse("2025-06-21T09:14:03.512Z"),
            "pbx-leeds-1:1718960000.1234", CloudEventHeaders.dataSchemaOf(Topics.CALLS_LIFECYCLE));

    @Test
    void roundTrip() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, ENVELOPE);
        assertThat(CloudEventHeaders.read(headers)).isEqualTo(ENVELOPE);
    }

    @Test
    void writesBinaryModeHeaders() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, ENVELOPE);
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.text(headers, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(CloudEventHeaders.text(headers, "ce_type")).isEqualTo("io.switchboard.calls.lifecycle.v1.answered");
        assertThat(CloudEventHeaders.text(headers, "ce_time")).isEqualTo("2025-06-21T09:14:03.512Z");
        assertThat(CloudEventHeaders.text(headers, "ce_source")).isEqualTo("/switchboard/call-ingest");
        assertThat(CloudEventHeaders.text(headers, "ce_dataschema"))
                .isEqualTo("https://switchboard.io/schemas/calls.lifecycle.v1.schema.json");
    }

    @Test
    void rewritingReplacesRatherThanDuplicates() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, ENVELOPE);
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope("id-2", "/switchboard/x", "t", null, null, null));
        assertThat(headers.headers(CloudEventHeaders.ID)).hasSize(1);
        assertThat(CloudEventHeaders.read(headers).id()).isEqualTo("id-2");
    }

    @Test
    void optionalAttributesMayBeAbsent() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, new CloudEventHeaders.Envelope("id-1", "/switchboard/kpi-service",
                EventTypes.KPI_SNAPSHOT, null, null, null));
        CloudEventHeaders.Envelope read = CloudEventHeaders.read(headers);
        assertThat(read.time()).isNull();
        assertThat(read.subject()).isNull();
        assertThat(read.dataSchema()).isNull();
        assertThat(headers.lastHeader(CloudEventHeaders.TIME)).isNull();
    }

    @Test
    void missingIdIsNamed() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, ENVELOPE);
        headers.remove(CloudEventHeaders.ID);
        assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_id");
    }

    @Test
    void missingTypeOrSourceIsNamed() {
        for (String name : new String[] {CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE}) {
            Headers headers = new RecordHeaders();
            CloudEventHeaders.write(headers, ENVELOPE);
            headers.remove(name);
            assertThatThrownBy(() -> CloudEventHeaders.read(headers))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining(name);
        }
    }

    @Test
    void wrongSpecVersionOrBadTimeIsRejected() {
        Headers noSpec = new RecordHeaders();
        assertThatThrownBy(() -> CloudEventHeaders.read(noSpec)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_specversion");

        Headers badTime = new RecordHeaders();
        CloudEventHeaders.write(badTime, ENVELOPE);
        badTime.remove(CloudEventHeaders.TIME);
        badTime.add(CloudEventHeaders.TIME, "21/06/2025".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.read(badTime)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ce_time");
    }

    @Test
    void acceptsRfc3339TimeWithOffset() {
        Headers headers = new RecordHeaders();
        CloudEventHeaders.write(headers, ENVELOPE);
        headers.remove(CloudEventHeaders.TIME);
        headers.add(CloudEventHeaders.TIME, "2025-06-21T10:14:03.512+01:00".getBytes(StandardCharsets.UTF_8));
        assertThat(CloudEventHeaders.read(headers).time()).isEqualTo(ENVELOPE.time());
    }

    @Test
    void writeRefusesAnEnvelopeWithoutRequiredAttributes() {
        assertThatThrownBy(() -> CloudEventHeaders.write(new RecordHeaders(),
                new CloudEventHeaders.Envelope(null, "/switchboard/x", "t", null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ce_id");
        assertThatThrownBy(() -> CloudEventHeaders.write(new RecordHeaders(),
                new CloudEventHeaders.Envelope("1", "/switchboard/x", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ce_type");
    }

    @Test
    void dataSchemaIsTheSchemaId() {
        for (Topics.TopicSpec spec : Topics.ALL) {
            assertThat(CloudEventHeaders.dataSchemaOf(spec.name()))
                    .isEqualTo(EventSchemas.schemaDocument(spec.name()).path("$id").asText());
        }
    }
}
