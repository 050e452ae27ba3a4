package io.switchboard.amireplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.action.SetVarAction;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.asteriskjava.manager.response.PingResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The real client: asterisk-java 3.42.2's ManagerConnection against the replay server. */
class AsteriskJavaReplayTest {

    static final List<String> SCENARIOS = AmiTranscript.SCENARIOS;

    static final List<String> LIFECYCLE_SCENARIOS = List.of("a_answered", "g_burst");

    /** Counts stated by SUMMARY.txt: QueueCallerJoin, AgentConnect, Hangup. */
    private static final Map<String, List<Integer>> LIFECYCLE_COUNTS = Map.of(
            "a_answered", List.of(1, 1, 2),
            "g_burst", List.of(20, 9, 38));

    private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    private AmiReplayServer server;
    private ManagerConnection connection;

    @AfterEach
    void tearDown() {
        if (connection != null && connection.getState() == ManagerConnectionState.CONNECTED) {
            connection.logoff();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Every event of every transcript arrives, in order, as the asterisk-java class named after it, and the
     * QueueStatus snapshot is delivered to the QueueStatus action through the rewritten ActionID.
     */
    @ParameterizedTest
    @FieldSource("SCENARIOS")
    void receivesEveryRecordedEventInOrderAsTypedEvents(String scenario) throws Exception {
        AmiTranscript transcript = AmiTranscript.load(scenario);
        server = AmiReplayServer.builder().scenarios(scenario).speed(50).queueStatusWait(Duration.ofSeconds(5)).start();
        connect(AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).login();

        ResponseEvents snapshot = connection.sendEventGeneratingAction(new QueueStatusAction());

        assertThat(snapshot.getResponse().getResponse()).isEqualTo("Success");
        assertThat(snapshot.getEvents()).<Object>extracting(e -> e.getClass()).containsExactly(
                QueueParamsEvent.class, QueueMemberEvent.class, QueueMemberEvent.class, QueueMemberEvent.class,
                QueueParamsEvent.class, QueueMemberEvent.class, QueueStatusCompleteEvent.class);
        List<String> expected = transcript.events().stream().map(e -> e.message().eventName()).toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> recordedEvents().size() >= expected.size());
        assertThat(recordedEvents()).extracting(AsteriskJavaReplayTest::amiName)
                .containsExactlyElementsOf(expected.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
    }

    @ParameterizedTest
    @FieldSource("LIFECYCLE_SCENARIOS")
    void callLifecycleEventsAreAllDeliveredEvenAsFastAsPossible(String scenario) throws Exception {
        server = AmiReplayServer.builder().scenarios(scenario).asFastAsPossible()
                .queueStatusWait(Duration.ofSeconds(5)).start();
        connect(AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).login();
        connection.sendEventGeneratingAction(new QueueStatusAction());
        int expected = AmiTranscript.load(scenario).events().size();

        await().atMost(Duration.ofSeconds(20)).until(() -> recordedEvents().size() >= expected);

        List<Integer> counts = LIFECYCLE_COUNTS.get(scenario);
        assertThat(count(QueueCallerJoinEvent.class)).isEqualTo(counts.get(0));
        assertThat(count(AgentConnectEvent.class)).isEqualTo(counts.get(1));
        assertThat(count(HangupEvent.class)).isEqualTo(counts.get(2));
        assertThat(recordedEvents()).hasSize(expected);
        if (scenario.equals("a_answered")) {
            QueueCallerJoinEvent join = first(QueueCallerJoinEvent.class);
            AgentConnectEvent connect = first(AgentConnectEvent.class);
            AgentCompleteEvent complete = first(AgentCompleteEvent.class);
            assertThat(join.getCallerIdNum()).isEqualTo("49305550011");
            assertThat(join.getQueue()).isEqualTo("triage");
            assertThat(join.getPosition()).isEqualTo(1);
            assertThat(join.getLinkedId()).isEqualTo("1795280266.0");
            assertThat(connect.getMemberName()).isEqualTo("Agent One");
            assertThat(connect.getHoldTime()).isEqualTo(3L);
            assertThat(complete.getTalkTime()).isEqualTo(11L);
            assertThat(complete.getReason()).isEqualTo("caller");
        }
    }

    /** What asterisk-java 3.42.2 does to log in: Challenge (MD5), Login with Key, then CoreSettings for the version. */
    @Test
    void loginSequenceOfAsteriskJava() throws Exception {
        server = AmiReplayServer.builder().scenarios("a_answered").start();
        connect(AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).login();

        assertThat(connection.getVersion()).isEqualTo(AsteriskVersion.ASTERISK_22);
        assertThat(connection.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(server.receivedActions()).extracting(AmiAction::name)
                .containsExactly("Challenge", "Login", "CoreSettings");
        AmiAction challenge = server.receivedActions("Challenge").get(0);
        AmiAction login = server.receivedActions("Login").get(0);
        assertThat(challenge.header("AuthType")).isEqualTo("MD5");
        assertThat(login.header("AuthType")).isEqualTo("MD5");
        assertThat(login.header("Key")).matches("[0-9a-f]{32}");
        assertThat(login.header("Secret")).isNull();
        assertThat(login.header("Username")).isEqualTo("harness");
        assertThat(login.actionId()).contains("#");
        assertThat(events).anyMatch(ConnectEvent.class::isInstance);
    }

    @Test
    void wrongPasswordIsRefused() {
        server = AmiReplayServer.builder().scenarios("a_answered").start();
        ManagerConnection refused = connect(AmiReplayServer.DEFAULT_USERNAME, "wrong");

        assertThatThrownBy(refused::login)
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("Authentication failed");
        assertThat(refused.getState()).isNotEqualTo(ManagerConnectionState.CONNECTED);
    }

    @Test
    void pingAndCoreShowChannelsAreAnsweredWhileTheStreamRuns() throws Exception {
        server = AmiReplayServer.builder().scenarios("f_pause_unpause").speed(20).start();
        connect(AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).login();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(QueueCallerJoinEvent.class) == 1);

        PingAction ping = new PingAction();
        ping.setActionId("my-ping");
        ManagerResponse pong = connection.sendAction(ping);
        ResponseEvents channels = connection.sendEventGeneratingAction(new CoreShowChannelsAction());

        assertThat(pong).isInstanceOf(PingResponse.class);
        assertThat(((PingResponse) pong).getPing()).isEqualTo("Pong");
        assertThat(pong.getActionId()).isEqualTo("my-ping");
        assertThat(channels.getResponse().getResponse()).isEqualTo("Success");
        assertThat(channels.getEvents()).singleElement()
                .isInstanceOfSatisfying(CoreShowChannelsCompleteEvent.class,
                        complete -> assertThat(complete.getListitems()).isZero());
    }

    @Test
    void registeredHandlerAnswersSetvarAndInjectsTheGlobalVarSet() throws Exception {
        server = AmiReplayServer.builder().scenarios("a_answered")
                .onAction("Setvar", StandardActions.setvarEmittingVarSet()).start();
        connect(AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).login();

        ManagerResponse response = connection.sendAction(new SetVarAction("SWITCHBOARD_TEST", "42"));

        assertThat(response.getResponse()).isEqualTo("Success");
        assertThat(response.getMessage()).isEqualTo("Variable Set");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(events)
                .filteredOn(VarSetEvent.class::isInstance).map(VarSetEvent.class::cast)
                .anySatisfy(v -> {
                    assertThat(v.getVariable()).isEqualTo("SWITCHBOARD_TEST");
                    assertThat(v.getValue()).isEqualTo("42");
                    // The wire says "Channel: none"; asterisk-java turns the literal "none" into null.
                    assertThat(v.getChannel()).isNull();
                    assertThat(v.getUniqueId()).isNull();
                }));
        assertThat(server.receivedActions("Setvar")).singleElement()
                .satisfies(a -> assertThat(a.header("Variable")).isEqualTo("SWITCHBOARD_TEST"));
    }

    /**
     * The connection is cut after 60 events; asterisk-java reconnects by itself, logs in again and gets the rest of
     * the stream: every recorded event exactly once, plus the FullyBooted that greets the new login.
     */
    @Test
    void reconnectsAfterAnInjectedCutAndResynchronises() throws Exception {
        AmiTranscript transcript = AmiTranscript.load("a_answered");
        server = AmiReplayServer.builder().scenarios("a_answered").asFastAsPossible()
                // login() must be over before the cut, or asterisk-java would not treat it as a disconnect.
                .afterLoginDelay(Duration.ofMillis(500))
                .queueStatusWait(Duration.ZERO)
                .cutAfterMessages(60).start();
        connect(AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).login();
        List<String> expected = transcript.events().stream()
                .filter(e -> e.message().actionId() == null) // no QueueStatus sent: no snapshot
                .map(e -> e.message().eventName().toLowerCase(Locale.ROOT)).toList();

        await().atMost(Duration.ofSeconds(15)).until(() -> recordedEvents().size() >= expected.size() + 1);

        assertThat(events).filteredOn(DisconnectEvent.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(ConnectEvent.class::isInstance).hasSize(2);
        assertThat(server.connectionsAccepted()).isEqualTo(2);
        assertThat(server.cutPerformed()).isTrue();
        List<String> received = recordedEvents().stream().map(AsteriskJavaReplayTest::amiName).toList();
        int reconnectedAt = received.lastIndexOf("fullybooted");
        assertThat(reconnectedAt).isEqualTo(60);
        List<String> withoutGreeting = new ArrayList<>(received);
        withoutGreeting.remove(reconnectedAt);
        assertThat(withoutGreeting).containsExactlyElementsOf(expected);
        await().atMost(Duration.ofSeconds(5)).until(() -> connection.getState() == ManagerConnectionState.CONNECTED);
    }

    private ManagerConnection connect(String username, String secret) {
        connection = new ManagerConnectionFactory(AmiReplayServer.HOST, server.port(), username, secret)
                .createManagerConnection();
        connection.addEventListener(events::add);
        return connection;
    }

    /** The events that come from the stream: without asterisk-java's own Connect/Disconnect and legacy events. */
    private List<ManagerEvent> recordedEvents() {
        return events.stream().filter(e -> !isSynthetic(e)).toList();
    }

    private static boolean isSynthetic(ManagerEvent event) {
        Class<?> type = event.getClass();
        // DialEvent and BridgeEvent (exact classes) are built by asterisk-java from DialBegin and BridgeEnter/Leave.
        return event instanceof ConnectEvent || event instanceof DisconnectEvent
                || type == DialEvent.class || type == BridgeEvent.class;
    }

    /** The AMI event name of a typed event, lower case: QueueCallerJoinEvent -> queuecallerjoin. */
    private static String amiName(ManagerEvent event) {
        String name = event.getClass().getSimpleName();
        return name.substring(0, name.length() - "Event".length()).toLowerCase(Locale.ROOT);
    }

    private int count(Class<? extends ManagerEvent> type) {
        return (int) recordedEvents().stream().filter(type::isInstance).count();
    }

    private <T extends ManagerEvent> T first(Class<T> type) {
        return recordedEvents().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
