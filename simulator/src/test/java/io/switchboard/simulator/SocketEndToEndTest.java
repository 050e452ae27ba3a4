package io.switchboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiReplayServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over a real socket: asterisk-java (call-ingest's client) and a bare AMI client. */
class SocketEndToEndTest {

    private SimulatorServer server;
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

    @Test
    void asteriskJavaReceivesASimulatedHourWithoutLosingAnEvent() throws Exception {
        SimulationConfig config = SimulationConfig.builder().seed(3).duration(Duration.ofHours(1))
                .arrivals(ArrivalProfile.flat(240)).roster(Roster.flat(25, 6)).build();
        Simulation sim = new Simulation(config);
        AtomicInteger hangups = new AtomicInteger();
        AtomicInteger joins = new AtomicInteger();
        sim.addListener(m -> {
            if ("Hangup".equals(m.eventName())) {
                hangups.incrementAndGet();
            } else if ("QueueCallerJoin".equals(m.eventName())) {
                joins.incrementAndGet();
            }
        });
        server = SimulatorServer.builder(sim).speed(1800).start(); // one virtual hour in two seconds
        List<ManagerEvent> events = new CopyOnWriteArrayList<>();
        connection = new ManagerConnectionFactory(AmiReplayServer.HOST, server.port(),
                AmiReplayServer.DEFAULT_USERNAME, AmiReplayServer.DEFAULT_SECRET).createManagerConnection();
        connection.addEventListener(events::add);
        assertThat(sim.started()).isFalse(); // the clock waits for the first login
        connection.login();
        assertThat(connection.getVersion()).isEqualTo(AsteriskVersion.ASTERISK_22);
        assertThat(connection.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(sim.started()).isTrue();

        GetVarResponse contingency = (GetVarResponse) connection.sendAction(new GetVarAction("CONTINGENCY"));
        assertThat(contingency.getValue()).isEqualTo("0");
        ResponseEvents status = connection.sendEventGeneratingAction(new QueueStatusAction());
        assertThat(status.getEvents().stream().filter(e -> e instanceof QueueParamsEvent)).hasSize(2);
        assertThat(status.getEvents().stream().filter(e -> e instanceof QueueMemberEvent)).hasSize(31);
        assertThat(status.getEvents().stream().filter(e -> e instanceof QueueStatusCompleteEvent)).hasSize(1);
        assertThat(status.getEvents().stream().filter(e -> e instanceof QueueEntryEvent).count())
                .isLessThanOrEqualTo(status.getEvents().size());

        assertThat(sim.awaitFinished(Duration.ofSeconds(40))).as("simulation finished").isTrue();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> events.stream().filter(e -> e instanceof HangupEvent).count() == hangups.get());

        List<CallTruth> truth = sim.groundTruth().calls();
        assertThat(truth).hasSizeGreaterThan(150);
        assertThat(events.stream().filter(e -> e instanceof QueueCallerJoinEvent)).hasSize(joins.get());
        Set<String> callersHungUp = new HashSet<>();
        for (ManagerEvent e : events) {
            if (e instanceof HangupEvent h && h.getUniqueId().equals(h.getLinkedId())) {
                callersHungUp.add(h.getLinkedId());
            }
        }
        assertThat(callersHungUp).containsExactlyInAnyOrderElementsOf(truth.stream().map(CallTruth::linkedid).toList());
        // Every answer the ground truth knows of arrived, with the PBX's HoldTime.
        long answered = truth.stream().filter(c -> c.pbxHoldTime() != null && c.agent() != null).count();
        assertThat(events.stream().filter(e -> e instanceof AgentConnectEvent a && "triage".equals(a.getQueue())))
                .hasSize((int) answered);
        // Virtual-time stamps: inside the simulated hour (plus the calls' tails), far from the wall clock.
        double start = config.start.toEpochSecond();
        for (ManagerEvent e : events) {
            if (e instanceof HangupEvent h) {
                assertThat(h.getTimestamp()).isBetween(start, start + 2 * 3600);
            }
        }
    }

    @Test
    void setvarSwitchesContingencyAndItsVarSetFollowsTheAnswer() throws Exception {
        Simulation sim = new Simulation(scripted());
        server = SimulatorServer.builder(sim).speed(60).start();
        try (RawClient ami = new RawClient(server.port())) {
            login(ami);
            await().atMost(Duration.ofSeconds(5)).until(() -> !ami.events("FullyBooted").isEmpty());
            assertThat(ami.banner()).isEqualTo("Asterisk Call Manager/11.0.0");

            ami.send("Action", "Setvar", "ActionID", "sw-1", "Variable", "CONTINGENCY", "Value", "1");
            await().atMost(Duration.ofSeconds(5)).until(() -> globalVarSets(ami) == 1);
            int answer = ami.indexOf(m -> "sw-1".equals(m.actionId()));
            int varSet = ami.indexOf(m -> "VarSet".equals(m.eventName()) && "none".equals(m.get("Channel")));
            assertThat(ami.received().get(answer).get("Message")).isEqualTo("Variable Set");
            assertThat(answer).as("the answer comes before the VarSet").isLessThan(varSet);
            AmiMessage set = ami.received().get(varSet);
            assertThat(set.get("Channel")).isEqualTo("none");
            assertThat(set.get("Uniqueid")).isEqualTo("none");
            assertThat(set.get("Value")).isEqualTo("1");

            String first = callNow(sim);
            await().atMost(Duration.ofSeconds(10)).until(() -> hungUp(ami, first));
            assertThat(typesOf(ami, first)).contains("DialBegin").doesNotContain("QueueCallerJoin");
            assertThat(ami.received().stream().filter(m -> "DialBegin".equals(m.eventName())
                    && first.equals(m.get("Linkedid"))).findFirst().orElseThrow().get("DestChannel"))
                    .startsWith("PJSIP/contingency-");

            ami.send("Action", "GetVar", "ActionID", "get-1", "Variable", "CONTINGENCY");
            await().atMost(Duration.ofSeconds(5)).until(() -> ami.indexOf(m -> "get-1".equals(m.actionId())) >= 0);
            assertThat(ami.received().get(ami.indexOf(m -> "get-1".equals(m.actionId()))).get("Value")).isEqualTo("1");

            ami.send("Action", "Setvar", "ActionID", "sw-0", "Variable", "CONTINGENCY", "Value", "0");
            await().atMost(Duration.ofSeconds(5)).until(() -> globalVarSets(ami) == 2);
            String second = callNow(sim);
            await().atMost(Duration.ofSeconds(10)).until(() -> typesOf(ami, second).contains("AgentConnect"));
            assertThat(typesOf(ami, second)).contains("QueueCallerJoin");

            List<CallTruth> truth = sim.groundTruth().calls();
            assertThat(truth.get(0).outcome()).isEqualTo(CallTruth.Outcome.CONTINGENCY);
            assertThat(truth.get(0).contingencyReason()).isEqualTo("switch-engaged");
        }
    }

    @Test
    void queuePauseAndBlindTransferActOnTheModel() throws Exception {
        Simulation sim = new Simulation(scripted());
        server = SimulatorServer.builder(sim).speed(60).start();
        try (RawClient ami = new RawClient(server.port())) {
            login(ami);
            ami.send("Action", "QueuePause", "ActionID", "p-1", "Interface", "PJSIP/agent1", "Queue", "triage",
                    "Paused", "true", "Reason", "Lunch");
            await().atMost(Duration.ofSeconds(5)).until(() -> !ami.events("QueueMemberPause").isEmpty());
            assertThat(ami.indexOf(m -> "p-1".equals(m.actionId())))
                    .isLessThan(ami.indexOf(m -> "QueueMemberPause".equals(m.eventName())));
            assertThat(ami.events("QueueMemberPause").get(0).get("PausedReason")).isEqualTo("Lunch");
            ami.send("Action", "QueuePause", "ActionID", "p-2", "Interface", "PJSIP/nobody", "Paused", "true");
            await().atMost(Duration.ofSeconds(5)).until(() -> ami.indexOf(m -> "p-2".equals(m.actionId())) >= 0);
            assertThat(ami.received().get(ami.indexOf(m -> "p-2".equals(m.actionId()))).responseType())
                    .isEqualTo("Error");

            String call = callNow(sim);
            await().atMost(Duration.ofSeconds(10)).until(() -> typesOf(ami, call).contains("AgentConnect"));
            AmiMessage connect = ami.events("AgentConnect").get(0);
            assertThat(connect.get("Interface")).isEqualTo("PJSIP/agent2"); // agent1 is on lunch
            ami.send("Action", "BlindTransfer", "ActionID", "t-1", "Channel", connect.get("DestChannel"),
                    "Context", "transfer-targets", "Exten", "clinician");
            await().atMost(Duration.ofSeconds(10)).until(() -> ami.events("BlindTransfer").stream()
                    .anyMatch(m -> call.equals(m.get("TransfereeLinkedid")) && "Success".equals(m.get("Result"))));
            assertThat(ami.received().get(ami.indexOf(m -> "t-1".equals(m.actionId()))).get("Message"))
                    .isEqualTo("Transfer succeeded");
            await().atMost(Duration.ofSeconds(10)).until(() -> ami.events("QueueCallerJoin").stream()
                    .anyMatch(m -> "clinician".equals(m.get("Queue")) && call.equals(m.get("Linkedid"))));
            AmiMessage complete = ami.events("AgentComplete").get(0);
            assertThat(complete.get("Reason")).isEqualTo("transfer");

            ami.send("Action", "QueueStatus", "ActionID", "qs-1");
            await().atMost(Duration.ofSeconds(5)).until(() -> !ami.events("QueueStatusComplete").isEmpty());
            AmiMessage agent1 = ami.events("QueueMember").stream()
                    .filter(m -> "PJSIP/agent1".equals(m.get("Location"))).findFirst().orElseThrow();
            assertThat(agent1.get("Paused")).isEqualTo("1");
            assertThat(agent1.get("PausedReason")).isEqualTo("Lunch");
            assertThat(agent1.actionId()).isEqualTo("qs-1");
        }
    }

    /** No random arrivals: the test places calls; 3 handlers, 1 clinician, long talks. */
    private static SimulationConfig scripted() {
        return SimulationConfig.builder().seed(1).randomArrivals(false).duration(Duration.ofHours(1))
                .roster(Roster.flat(3, 1)).build();
    }

    private static String callNow(Simulation sim) {
        return sim.withModel(m -> {
            long before = m.callsArrived();
            m.scheduleCall(m.now(), CallPlan.answered(600).withContingency(1, 5).withPatience(Double.POSITIVE_INFINITY),
                    null);
            m.advanceTo(m.now());
            assertThat(m.callsArrived()).isEqualTo(before + 1);
            return lastCaller(m);
        });
    }

    private static String lastCaller(ProviderModel m) {
        return m.lastLinkedid();
    }

    private static long globalVarSets(RawClient ami) {
        return ami.events("VarSet").stream().filter(m -> "none".equals(m.get("Channel"))).count();
    }

    private static boolean hungUp(RawClient ami, String linkedid) {
        return ami.events("Hangup").stream().anyMatch(h -> linkedid.equals(h.get("Uniqueid")));
    }

    private static List<String> typesOf(RawClient ami, String linkedid) {
        return ami.received().stream().filter(m -> linkedid.equals(m.get("Linkedid"))).map(AmiMessage::eventName)
                .toList();
    }

    private static void login(RawClient ami) throws Exception {
        ami.send("Action", "Login", "ActionID", "login", "Username", AmiReplayServer.DEFAULT_USERNAME,
                "Secret", AmiReplayServer.DEFAULT_SECRET);
        await().atMost(Duration.ofSeconds(5)).until(() -> ami.indexOf(m -> "login".equals(m.actionId())) >= 0);
        assertThat(ami.received().get(ami.indexOf(m -> "login".equals(m.actionId()))).get("Message"))
                .isEqualTo("Authentication accepted");
    }
}
