package io.switchboard.amireplay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierShiftTest {

    private final IdentifierShift allScenarios =
            IdentifierShift.forPlaylist(AmiTranscript.SCENARIOS.stream().map(AmiTranscript::load).toList());

    @Test
    void stridesLieAboveEveryRecordedValue() {
        // Recorded maxima over the nine scenarios: Uniqueid sequence 62, channel suffix 0x3c.
        assertThat(allScenarios.sequenceStride()).isEqualTo(100);
        assertThat(allScenarios.channelStride()).isEqualTo(0x100);
        double recorded = AmiTranscript.SCENARIOS.stream().mapToDouble(s -> AmiTranscript.load(s).durationSeconds()).sum();
        assertThat(allScenarios.epochStride()).isGreaterThan((long) recorded);
    }

    @Test
    void passZeroIsTheRecordingItself() {
        AmiMessage recorded = AmiTranscript.load("c2_attended_transfer").messages().get(20).message();

        assertThat(allScenarios.apply(recorded, 0)).isSameAs(recorded);
    }

    @Test
    void laterPassesShiftIdentifiersConsistentlyAndNothingElse() {
        AmiMessage message = AmiMessage.of(
                "Event", "LocalBridge",
                "LocalOneChannel", "Local/200@transfer-targets-00000000;1",
                "LocalOneUniqueid", "1795280354.12",
                "LocalOneLinkedid", "1795280348.10",
                "BridgeUniqueid", "c477b133-3e1c-4a82-b6f6-76c51811cdd6",
                "Value", "PJSIP/agent3-0000000b",
                "SentNTP", "1795280272.295758",
                "Channel", "none",
                "Uniqueid", "none",
                "DialString", "PJSIP/agent3");
        long epoch = allScenarios.epochStride();

        AmiMessage shifted = allScenarios.apply(message, 2);

        assertThat(shifted.get("LocalOneChannel")).isEqualTo("Local/200@transfer-targets-00000200;1");
        assertThat(shifted.get("LocalOneUniqueid")).isEqualTo((1795280354L + 2 * epoch) + ".212");
        assertThat(shifted.get("LocalOneLinkedid")).isEqualTo((1795280348L + 2 * epoch) + ".210");
        assertThat(shifted.get("BridgeUniqueid")).isEqualTo("c477b133-3e1c-4a82-b6f6-76c51811cdd8");
        assertThat(shifted.get("Value")).isEqualTo("PJSIP/agent3-0000020b");
        assertThat(shifted.get("SentNTP")).isEqualTo("1795280272.295758");
        assertThat(shifted.get("Channel")).isEqualTo("none");
        assertThat(shifted.get("Uniqueid")).isEqualTo("none");
        assertThat(shifted.get("DialString")).isEqualTo("PJSIP/agent3");
        assertThat(shifted.headers()).extracting(AmiMessage.Header::name)
                .isEqualTo(message.headers().stream().map(AmiMessage.Header::name).toList());
    }

    @Test
    void everyPassOfAScenarioHasItsOwnLinkedids() {
        AmiTranscript burst = AmiTranscript.load("g_burst");
        List<String> pass0 = linkedids(burst, 0);
        List<String> pass1 = linkedids(burst, 1);

        assertThat(pass0).hasSize(20).doesNotHaveDuplicates();
        assertThat(pass1).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(pass0);
    }

    private List<String> linkedids(AmiTranscript transcript, long pass) {
        return transcript.events().stream()
                .map(e -> allScenarios.apply(e.message(), pass))
                .filter(m -> "QueueCallerJoin".equals(m.eventName()))
                .map(m -> m.get("Linkedid"))
                .toList();
    }
}
