package io.switchboard.amireplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The replay server seen from a bare socket: bytes, login, actions, timing, faults, loops. */
class RawSocketReplayTest {

    static final List<String> SCENARIOS = AmiTranscript.SCENARIOS;

    private AmiReplayServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * With the recorder's own ActionIDs, the client's Login, QueueStatus and Logoff get exactly the answers the
     * recorder got, so the whole connection must be the recording, byte for byte.
     */
    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void clientActingLikeTheRecorderReceivesTheRecordingByteForByte(String scenario) {
        AmiTranscript transcript = AmiTranscript.load(scenario);
        server = AmiReplayServer.builder().scenarios(scenario).asFastAsPossible().start();
        byte[] recording = transcript.raw();
        byte[] goodbye = transcript.messages().get(transcript.messages().size() - 1).message().bytes();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            for (AmiMessage action : transcript.sentActions()) {
                if (!action.actionName().equals("Logoff")) {
                    client.sendRaw(action.bytes());
                }
            }
            client.readBytes(recording.length - goodbye.length);
            client.sendRaw(transcript.sentAction("Logoff").orElseThrow().bytes());
            assertThat(client.isClosedByServer()).isTrue();

            assertThat(client.receivedBytes()).isEqualTo(recording);
        }
    }

    @Test
    void queueStatusSnapshotCarriesTheClientsActionIdAndTheRestIsVerbatim() {
        AmiTranscript transcript = AmiTranscript.load("b_abandon");
        server = AmiReplayServer.builder().scenarios("b_abandon").asFastAsPossible().start();
        String recordedQueueStatusId = transcript.sentAction("QueueStatus").orElseThrow().actionId();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            AmiMessage login = client.login("my-login");
            client.send("Action", "QueueStatus", "ActionID", "qs-42");
            byte[] expected = expectedAfterLogin(transcript, recordedQueueStatusId, "qs-42");
            byte[] afterLogin = client.readBytes(expected.length);

            assertThat(login.toString())
                    .isEqualTo("Response: Success\r\nActionID: my-login\r\nMessage: Authentication accepted\r\n\r\n");
            assertThat(new String(afterLogin, StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1))
                    .contains("Event: QueueStatusComplete\r\nActionID: qs-42\r\n")
                    .doesNotContain(recordedQueueStatusId);
        }
    }

    @Test
    void withoutQueueStatusTheSnapshotIsSkippedAndLaterAnsweredOnDemand() {
        AmiTranscript transcript = AmiTranscript.load("a_answered");
        server = AmiReplayServer.builder().scenarios("a_answered").asFastAsPossible()
                .queueStatusWait(Duration.ZERO).start();
        String recordedQueueStatusId = transcript.sentAction("QueueStatus").orElseThrow().actionId();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.login("l");
            byte[] expected = expectedAfterLogin(transcript, recordedQueueStatusId, null);
            byte[] afterLogin = client.readBytes(expected.length);
            assertThat(afterLogin).isEqualTo(expected);

            client.send("Action", "QueueStatus", "ActionID", "late");
            List<AmiMessage> snapshot = client.readUntil(m -> "QueueStatusComplete".equals(m.eventName()));
            assertThat(snapshot).hasSize(8).allSatisfy(m -> assertThat(m.actionId()).isEqualTo("late"));
            assertThat(snapshot.get(0).toString()).startsWith("Response: Success\r\nActionID: late\r\nEventList: start");
        }
    }

    @Test
    void waitsForAQueueStatusThatComesShortlyAfterLogin() {
        server = AmiReplayServer.builder().scenarios("a_answered").asFastAsPossible()
                .queueStatusWait(Duration.ofSeconds(5)).start();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.login("l");
            // FullyBooted and SuccessfulAuth precede the snapshot in the recording; then the stream holds.
            assertThat(client.readMessage().eventName()).isEqualTo("FullyBooted");
            assertThat(client.readMessage().eventName()).isEqualTo("SuccessfulAuth");
            client.send("Action", "QueueStatus", "ActionID", "slow-qs");
            AmiMessage response = client.readMessage();

            assertThat(response.responseType()).isEqualTo("Success");
            assertThat(response.actionId()).isEqualTo("slow-qs");
            assertThat(client.readMessage().eventName()).isEqualTo("QueueParams");
        }
    }

    @Test
    void wrongPasswordIsRefusedAndTheConnectionClosed() {
        server = AmiReplayServer.builder().scenarios("a_answered").start();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            AmiMessage answer = client.login("bad-1", "harness", "not-the-secret");

            assertThat(answer.toString())
                    .isEqualTo("Response: Error\r\nActionID: bad-1\r\nMessage: Authentication failed\r\n\r\n");
            assertThat(client.isClosedByServer()).isTrue();
        }
        try (RawAmiClient client = new RawAmiClient(server.port())) {
            assertThat(client.login("bad-2", "someone", "harness-secret").get("Message")).isEqualTo("Authentication failed");
        }
        assertThat(server.receivedActions("Login")).hasSize(2);
    }

    @Test
    void md5ChallengeLoginAndConfiguredCredentials() throws Exception {
        server = AmiReplayServer.builder().scenarios("a_answered").credentials("ingest", "s3cret").start();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.readBanner();
            client.send("Action", "Challenge", "ActionID", "c1", "AuthType", "MD5");
            AmiMessage challenge = client.readMessage();
            assertThat(challenge.actionId()).isEqualTo("c1");
            assertThat(challenge.get("Challenge")).matches("\\d+");

            String wrongKey = md5(challenge.get("Challenge") + "harness-secret");
            client.send("Action", "Login", "ActionID", "l1", "Username", "ingest", "AuthType", "MD5", "Key", wrongKey);
            assertThat(client.readMessage().get("Message")).isEqualTo("Authentication failed");
        }
        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.readBanner();
            client.send("Action", "Challenge", "ActionID", "c2", "AuthType", "md5");
            String key = md5(client.readMessage().get("Challenge") + "s3cret");
            client.send("Action", "Login", "ActionID", "l2", "Username", "ingest", "AuthType", "MD5", "Key", key);
            assertThat(client.readMessage().get("Message")).isEqualTo("Authentication accepted");
        }
    }

    @Test
    void beforeLoginOnlyLoginIsAllowed() {
        server = AmiReplayServer.builder().scenarios("a_answered").start();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            assertThat(client.readBanner()).isEqualTo("Asterisk Call Manager/11.0.0");
            client.send("Action", "Ping", "ActionID", "p0");
            assertThat(client.readMessage().toString())
                    .isEqualTo("Response: Error\r\nActionID: p0\r\nMessage: Permission denied\r\n\r\n");
        }
    }

    /**
     * At 10x speed the stream takes about 2 s; Pings and other actions sent meanwhile are answered between two
     * messages, and the replayed events still arrive complete and in order.
     */
    @Test
    void actionsAreAnsweredBetweenMessagesWhileStreamingWithRecordedTiming() {
        AmiTranscript transcript = AmiTranscript.load("a_answered");
        server = AmiReplayServer.builder().scenarios("a_answered").speed(10).queueStatusWait(Duration.ZERO).start();
        List<String> expectedEvents = transcript.events().stream()
                .filter(e -> e.message().actionId() == null)
                .map(e -> e.message().eventName()).toList();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.login("l");
            List<AmiMessage> received = new ArrayList<>();
            Map<String, Long> arrivals = new HashMap<>();
            int pings = 0;
            while (received.stream().filter(m -> m.isEvent() && m.actionId() == null).count() < expectedEvents.size()) {
                AmiMessage message = client.readMessage();
                received.add(message);
                arrivals.putIfAbsent(String.valueOf(message.eventName()), System.nanoTime());
                if ("Newstate".equals(message.eventName()) && pings < 3) {
                    client.send("Action", "Ping", "ActionID", "ping-" + pings++);
                    client.send("Action", "NoSuchThing", "ActionID", "x-" + pings);
                    client.send("Action", "Setvar", "ActionID", "sv-" + pings, "Variable", "CONTINGENCY", "Value", "1");
                    client.send("Action", "CoreShowChannels", "ActionID", "cs-" + pings);
                }
            }

            assertThat(received.stream().filter(AmiMessage::isEvent).filter(m -> m.actionId() == null)
                    .map(AmiMessage::eventName).toList()).isEqualTo(expectedEvents);
            Map<String, AmiMessage> answers = received.stream().filter(m -> m.actionId() != null)
                    .filter(AmiMessage::isResponse)
                    .collect(Collectors.toMap(AmiMessage::actionId, m -> m));
            assertThat(answers.get("ping-0").toString()).matches(
                    "Response: Success\r\nActionID: ping-0\r\nPing: Pong\r\nTimestamp: \\d+\\.\\d{6}\r\n\r\n");
            assertThat(answers.get("x-1").get("Message")).startsWith("Invalid/unknown command: NoSuchThing.");
            assertThat(answers.get("sv-1").get("Message")).isEqualTo("Variable Set");
            assertThat(answers.get("cs-1").get("EventList")).isEqualTo("start");
            assertThat(received).anySatisfy(m -> assertThat(m.toString())
                    .isEqualTo("Event: CoreShowChannelsComplete\r\nActionID: cs-1\r\nEventList: Complete\r\nListItems: 0\r\n\r\n"));
            assertThat(server.receivedActions("Setvar")).first()
                    .satisfies(a -> assertThat(a.header("Variable")).isEqualTo("CONTINGENCY"));

            // Recorded: Newchannel at 2.027 s, AgentComplete at 17.037 s: 15.0 s, so 1.5 s at 10x.
            double seconds = (arrivals.get("AgentComplete") - arrivals.get("Newchannel")) / 1e9;
            assertThat(seconds).isBetween(1.35, 2.5);
        }
    }

    @Test
    void cutAfterNEventsClosesTheSocketAndTheNextLoginGetsTheRest() {
        AmiTranscript transcript = AmiTranscript.load("c_blind_transfer");
        server = AmiReplayServer.builder().scenarios("c_blind_transfer").asFastAsPossible()
                .queueStatusWait(Duration.ZERO).cutAfterMessages(40).start();
        List<AmiMessage> recordedEvents = transcript.events().stream()
                .map(RecordedMessage::message).filter(m -> m.actionId() == null).toList();

        List<AmiMessage> beforeCut;
        try (RawAmiClient first = new RawAmiClient(server.port())) {
            first.login("one");
            beforeCut = first.readAll();
        }
        assertThat(beforeCut).hasSize(40).allMatch(AmiMessage::isEvent);
        assertThat(server.cutPerformed()).isTrue();

        try (RawAmiClient second = new RawAmiClient(server.port())) {
            assertThat(second.login("two").get("Message")).isEqualTo("Authentication accepted");
            AmiMessage greeting = second.readMessage();
            assertThat(greeting.eventName()).isEqualTo("FullyBooted");
            List<AmiMessage> rest = second.readUntil(m -> m.equals(recordedEvents.get(recordedEvents.size() - 1)));

            List<AmiMessage> all = new ArrayList<>(beforeCut);
            all.addAll(rest);
            assertThat(all).containsExactlyElementsOf(recordedEvents);
        }
        assertThat(server.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void loopPassesGetDistinctButConsistentIdentifiers() {
        server = AmiReplayServer.builder().scenarios("a_answered").loop(true).speed(500)
                .queueStatusWait(Duration.ZERO).start();

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.login("loop");
            List<AmiMessage> joins = new ArrayList<>();
            List<AmiMessage> connects = new ArrayList<>();
            Set<String> channels = new HashSet<>();
            while (joins.size() < 3) {
                AmiMessage message = client.readMessage();
                if ("QueueCallerJoin".equals(message.eventName())) {
                    joins.add(message);
                } else if ("AgentConnect".equals(message.eventName())) {
                    connects.add(message);
                } else if ("Newchannel".equals(message.eventName())) {
                    channels.add(message.get("Channel"));
                }
            }

            assertThat(joins).extracting(m -> m.get("Linkedid")).doesNotHaveDuplicates()
                    .first().isEqualTo("1795280266.0");
            assertThat(joins).extracting(m -> m.get("Uniqueid")).doesNotHaveDuplicates();
            assertThat(connects).hasSizeGreaterThanOrEqualTo(2);
            for (int pass = 0; pass < 2; pass++) {
                // Inside a pass, the caller, its agent leg and the linked id still belong together.
                assertThat(connects.get(pass).get("Linkedid")).isEqualTo(joins.get(pass).get("Linkedid"));
                assertThat(connects.get(pass).get("Channel")).isEqualTo(joins.get(pass).get("Channel"));
                assertThat(connects.get(pass).get("DestLinkedid")).isEqualTo(joins.get(pass).get("Linkedid"));
            }
            // a_answered alone: Uniqueid sequences below 10, channel suffixes below 0x10, 21 s recorded per pass.
            assertThat(joins.get(1).get("Linkedid")).isEqualTo("1795280288.10");
            assertThat(joins.get(2).get("Linkedid")).isEqualTo("1795280310.20");
            assertThat(joins.get(1).get("Channel")).isEqualTo("PJSIP/trunk-00000010");
            assertThat(channels).contains("PJSIP/trunk-00000000", "PJSIP/agent1-00000001",
                    "PJSIP/trunk-00000010", "PJSIP/agent1-00000011");
        }
    }

    @Test
    void playlistPlaysTranscriptsBackToBackWithOneSessionPreamble() {
        server = AmiReplayServer.builder().scenarios("a_answered", "b_abandon").asFastAsPossible().start();
        int expectedEvents = AmiTranscript.load("a_answered").events().size()
                + AmiTranscript.load("b_abandon").events().size()
                - 1 /* b_abandon's FullyBooted */ - 7 - 7 /* list events of both QueueStatus answers */;

        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.login("l");
            client.send("Action", "QueueStatus", "ActionID", "q");
            List<AmiMessage> events = new ArrayList<>();
            while (server.finishedPlaybacks() == 0 || events.size() < expectedEvents + 7) {
                AmiMessage message = client.readMessage();
                if (message.isEvent()) {
                    events.add(message);
                }
            }

            assertThat(events).hasSize(expectedEvents + 7);
            assertThat(events).filteredOn(m -> "FullyBooted".equals(m.eventName())).hasSize(1);
            assertThat(events).filteredOn(m -> "QueueCallerJoin".equals(m.eventName()))
                    .extracting(m -> m.get("CallerIDNum")).containsExactly("49305550011", "49305550031");
        }
    }

    @Test
    void servesConcurrentClientsAndSurvivesOneThatDisconnects() {
        AmiTranscript transcript = AmiTranscript.load("d_timeout_contingency");
        server = AmiReplayServer.builder().scenarios("d_timeout_contingency").speed(100)
                .queueStatusWait(Duration.ZERO).start();
        AmiMessage lastEvent = transcript.events().get(transcript.events().size() - 1).message();

        try (RawAmiClient quitter = new RawAmiClient(server.port())) {
            quitter.login("q");
            quitter.readMessage();
        }
        List<CompletableFuture<Integer>> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(CompletableFuture.supplyAsync(() -> {
                try (RawAmiClient client = new RawAmiClient(server.port())) {
                    client.login("c");
                    return client.readUntil(lastEvent::equals).size();
                }
            }));
        }

        int expected = (int) transcript.events().stream().filter(e -> e.message().actionId() == null).count();
        assertThat(clients).allSatisfy(c -> assertThat(c.join()).isEqualTo(expected));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }

    @Test
    void closeStopsPromptlyWhileAClientIsConnected() {
        server = AmiReplayServer.builder().scenarios("g_burst").speed(1).start();
        try (RawAmiClient client = new RawAmiClient(server.port())) {
            client.login("l");
            client.readMessage();

            long start = System.nanoTime();
            server.close();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    /** The recording from the Login answer on, as the client must get it; {@code null} drops the snapshot. */
    private static byte[] expectedAfterLogin(AmiTranscript transcript, String recordedQueueStatusId, String clientId) {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<RecordedMessage> messages = transcript.messages();
        for (RecordedMessage recorded : messages.subList(1, messages.size() - 1)) { // no Login answer, no Goodbye
            AmiMessage message = recorded.message();
            if (recordedQueueStatusId.equals(message.actionId())) {
                if (clientId == null) {
                    continue;
                }
                message = AmiMessage.fromRecording(message.toString()
                        .replace("ActionID: " + recordedQueueStatusId + "\r\n", "ActionID: " + clientId + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            expected.writeBytes(message.bytes());
        }
        return expected.toByteArray();
    }

    private static String md5(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
