package io.switchboard.amireplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class AmiTranscriptTest {

    static final List<String> SCENARIOS = AmiTranscript.SCENARIOS;

    /** What SUMMARY.txt states per scenario: banner, message count, and counts by event / response type. */
    record Summary(String banner, int messages, Map<String, Integer> counts) {
    }

    static Map<String, Summary> summaries() {
        String text = new String(AmiTranscript.readResource("SUMMARY.txt"), StandardCharsets.UTF_8);
        Pattern header = Pattern.compile("^scenario: (\\S+)\\s+banner: (.+?)\\s+messages: (\\d+)$", Pattern.MULTILINE);
        Pattern counts = Pattern.compile("^message counts: (.*)$", Pattern.MULTILINE);
        Map<String, Summary> result = new LinkedHashMap<>();
        Matcher scenario = header.matcher(text);
        while (scenario.find()) {
            Matcher countLine = counts.matcher(text);
            assertThat(countLine.find(scenario.end())).as("counts line after " + scenario.group(1)).isTrue();
            Map<String, Integer> byKind = new TreeMap<>();
            for (String pair : countLine.group(1).split(",\\s*")) {
                String[] kv = pair.split("=");
                byKind.put(kv[0], Integer.parseInt(kv[1]));
            }
            result.put(scenario.group(1), new Summary(scenario.group(2), Integer.parseInt(scenario.group(3)), byKind));
        }
        return result;
    }

    @Test
    void summaryDescribesExactlyTheNineScenarios() {
        assertThat(summaries().keySet()).containsExactlyInAnyOrderElementsOf(SCENARIOS);
        assertThat(SCENARIOS).hasSize(9).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void messageCountsMatchSummary(String scenario) {
        Summary summary = summaries().get(scenario);
        AmiTranscript transcript = AmiTranscript.load(scenario);

        assertThat(transcript.banner()).isEqualTo(summary.banner()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(transcript.messages()).hasSize(summary.messages());
        Map<String, Integer> counted = transcript.messages().stream()
                .collect(Collectors.groupingBy(RecordedMessage::kind, TreeMap::new, Collectors.summingInt(m -> 1)));
        assertThat(counted).isEqualTo(summary.counts());
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void bannerIsTheExactFirstLine(String scenario) {
        AmiTranscript transcript = AmiTranscript.load(scenario);
        byte[] expected = "Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(transcript.bannerBytes()).isEqualTo(expected);
        assertThat(java.util.Arrays.copyOf(transcript.raw(), expected.length)).isEqualTo(expected);
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void messagesReassembleTheRawStreamExactly(String scenario) {
        AmiTranscript transcript = AmiTranscript.load(scenario);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(transcript.bannerBytes());
        transcript.messages().forEach(m -> joined.writeBytes(m.message().bytes()));

        assertThat(joined.toByteArray()).isEqualTo(transcript.raw());
        assertThat(transcript.messages()).allSatisfy(m -> {
            assertThat(m.message().toString()).endsWith("\r\n\r\n").doesNotContain("\n\n");
            assertThat(m.offset()).isEqualTo(indexOf(transcript.raw(), m.message().bytes(), m.offset()));
        });
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void timingIsMonotonicAndCoversTheStream(String scenario) {
        AmiTranscript transcript = AmiTranscript.load(scenario);
        List<AmiTranscript.TimingMark> timing = transcript.timing();

        assertThat(timing.get(0).offset()).isZero();
        assertThat(timing.get(timing.size() - 1).offset()).isLessThan(transcript.raw().length);
        for (int i = 1; i < timing.size(); i++) {
            assertThat(timing.get(i).offset()).isGreaterThan(timing.get(i - 1).offset());
            assertThat(timing.get(i).epochSeconds()).isGreaterThanOrEqualTo(timing.get(i - 1).epochSeconds());
        }
        // Every message is timed by the chunk it starts in, so message times never go backwards either.
        List<RecordedMessage> messages = transcript.messages();
        for (int i = 1; i < messages.size(); i++) {
            assertThat(messages.get(i).recordedAt()).isGreaterThanOrEqualTo(messages.get(i - 1).recordedAt());
        }
        assertThat(transcript.durationSeconds()).isBetween(10.0, 40.0);
    }

    @Test
    void recordedAtUsesTheChunkAMessageStartsIn() {
        AmiTranscript transcript = AmiTranscript.load("a_answered");
        List<AmiTranscript.TimingMark> timing = transcript.timing();
        AmiTranscript.TimingMark second = timing.get(1);
        AmiTranscript.TimingMark third = timing.get(2);

        assertThat(transcript.recordedAt(0)).isEqualTo(timing.get(0).epochSeconds());
        assertThat(transcript.recordedAt(second.offset())).isEqualTo(second.epochSeconds());
        assertThat(transcript.recordedAt(third.offset() - 1)).isEqualTo(second.epochSeconds());
        assertThat(transcript.recordedAt(transcript.raw().length - 1))
                .isEqualTo(timing.get(timing.size() - 1).epochSeconds());
    }

    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void sentActionsExplainEveryActionIdInTheStream(String scenario) {
        AmiTranscript transcript = AmiTranscript.load(scenario);

        assertThat(transcript.sentActions()).extracting(AmiMessage::actionName)
                .containsExactly("Login", "QueueStatus", "Logoff");
        assertThat(transcript.sentActions()).allSatisfy(a -> assertThat(a.actionId()).startsWith("rec-" + scenario + "-"));
        String queueStatusId = transcript.sentAction("QueueStatus").orElseThrow().actionId();

        Map<String, Long> byActionId = transcript.messages().stream()
                .map(m -> m.message().actionId()).filter(id -> id != null)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        // Login answer, QueueStatus answer (response + 2 QueueParams + 4 QueueMember + complete), Goodbye.
        assertThat(byActionId).containsOnlyKeys(transcript.sentActions().stream().map(AmiMessage::actionId).toList());
        assertThat(byActionId.get(queueStatusId)).isEqualTo(8);
        assertThat(transcript.messages().get(0).message().toString())
                .isEqualTo("Response: Success\r\nActionID: " + transcript.sentAction("Login").orElseThrow().actionId()
                        + "\r\nMessage: Authentication accepted\r\n\r\n");
        assertThat(transcript.messages().get(transcript.messages().size() - 1).message().responseType())
                .isEqualTo("Goodbye");
    }

    @Test
    void driverConnectionAndDocumentsAreOnTheClasspath() {
        AmiTranscript driver = AmiTranscript.loadDriverConnection("c_blind_transfer");

        assertThat(driver.name()).isEqualTo("c_blind_transfer.ctl");
        assertThat(driver.sentAction("BlindTransfer")).isPresent();
        assertThat(new String(AmiTranscript.readResource("README.txt"), StandardCharsets.UTF_8)).contains("22.10.1");
        assertThat(AmiTranscript.readResource("EVENT_CATALOG.txt")).isNotEmpty();
        assertThat(new String(AmiTranscript.readResource("pbx-config/manager.conf"), StandardCharsets.UTF_8))
                .contains("[harness]");
    }

    @Test
    void loadingIsCachedAndUnknownNamesAreRefused() {
        assertThat(AmiTranscript.load("g_burst")).isSameAs(AmiTranscript.load("g_burst"));
        assertThatThrownBy(() -> AmiTranscript.load("z_nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a_answered");
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
