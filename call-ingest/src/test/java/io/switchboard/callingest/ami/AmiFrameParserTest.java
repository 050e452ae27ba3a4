package io.switchboard.callingest.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.events.Pseudonymiser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiFrameParserTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void parsesHeadersKeepingTheFirstOfARepeatedName() {
        AmiFrame frame = AmiFrameParser.parse(List.of("Event: VarSet", "Variable: A", "Variable: B", "Value:"), NOW);
        assertThat(frame.event()).isEqualTo("VarSet");
        assertThat(frame.get("Variable")).isEqualTo("A");
        assertThat(frame.get("Value")).isEmpty();
        assertThat(frame.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void usesThePbxTimestampWhenItSendsOne() {
        AmiFrame frame = AmiFrameParser.parse(List.of("Event: Hangup", "Timestamp: 1795280266.768685"), NOW);
        assertThat(frame.occurredAt()).isEqualTo(Instant.parse("2026-11-21T16:57:46.768685Z"));
    }

    @Test
    void rejectsLinesThatAreNotHeadersWithoutQuotingPhoneNumbers() {
        assertThatThrownBy(() -> AmiFrameParser.parse(List.of("Event: X", "call 07700900123 now"), NOW))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("not a 'Name: Value' line")
                .hasMessageNotContaining("07700900123");
        assertThatThrownBy(() -> AmiFrameParser.parse(List.of("Queue: triage"), NOW))
                .hasMessage("message has neither an Event nor a Response header");
    }

    @Test
    void reportsMissingAndNonNumericFieldsByName() {
        AmiFrame frame = AmiFrameParser.parse(List.of("Event: AgentConnect", "HoldTime: soon"), NOW);
        assertThatThrownBy(() -> frame.require("Linkedid")).hasMessage("AgentConnect without Linkedid");
        assertThatThrownBy(() -> frame.requireInt("HoldTime")).hasMessage("AgentConnect has a non-numeric HoldTime: 'soon'");
    }

    @Test
    void redactsCallerIdentitiesAndLongDigitRunsFromRawMessages() {
        FrameRedactor redactor = new FrameRedactor(new Pseudonymiser("test-key-of-sufficient-length"));
        String redacted = redactor.redact("Event: Newchannel\r\nCallerIDNum: 07700900123\r\nDestCallerIDName: Jo\r\n"
                + "Uniqueid: 1795280266.0\r\nrandom 07700900123 text");
        assertThat(redacted).doesNotContain("07700900123").doesNotContain("Jo\r")
                .contains("Uniqueid: 1795280266.0").contains("CallerIDNum: caller:").contains("random ########### text");
    }
}
