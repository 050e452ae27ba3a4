package io.switchboard.amireplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayCommandLineTest {

    @Test
    void optionsConfigureTheServer() {
        try (AmiReplayServer server = ReplayCommandLine.parse(
                "--port", "0", "--speed", "max", "--loop", "--scenarios", "b_abandon,a_answered",
                "--username", "demo", "--secret", "pw", "--queue-status-wait-ms", "0").start();
             RawAmiClient client = new RawAmiClient(server.port())) {

            assertThat(client.login("l", "demo", "pw").get("Message")).isEqualTo("Authentication accepted");
            // The playlist order is kept, and with --loop it starts again with new identifiers.
            AmiMessage first = nextJoin(client);
            AmiMessage second = nextJoin(client);
            AmiMessage third = nextJoin(client);
            assertThat(first.get("CallerIDNum")).isEqualTo("49305550031");
            assertThat(second.get("CallerIDNum")).isEqualTo("49305550011");
            assertThat(third.get("CallerIDNum")).isEqualTo("49305550031");
            assertThat(third.get("Linkedid")).isNotEqualTo(first.get("Linkedid"));
        }
    }

    private static AmiMessage nextJoin(RawAmiClient client) {
        List<AmiMessage> messages = client.readUntil(m -> "QueueCallerJoin".equals(m.eventName()));
        return messages.get(messages.size() - 1);
    }

    @Test
    void helpAndBadArguments() {
        assertThat(ReplayCommandLine.parse("--help")).isNull();
        assertThatThrownBy(() -> ReplayCommandLine.parse("--speed", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayCommandLine.parse("--port"))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> ReplayCommandLine.parse("--scenarios", "x_unknown"))
                .hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> ReplayCommandLine.parse("--frobnicate"))
                .hasMessageContaining("unknown option");
        assertThat(ReplayCommandLine.USAGE).contains("--loop", "g_burst");
    }
}
