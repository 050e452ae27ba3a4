package io.switchboard.kpi.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallTrace;
import io.switchboard.events.CloudEventHeaders;
import io.switchboard.events.EventJson;
import io.switchboard.events.KpiSnapshotEvent;
import io.switchboard.events.KpiWindow;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.RoutingCommandKind;
import io.switchboard.events.Topics;
import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.KpiBuckets;
import io.switchboard.kpi.model.KpiCounts;
import io.switchboard.kpi.model.WaitingCalls;
import io.switchboard.kpi.policy.OperatorPin;
import io.switchboard.kpi.policy.RegionRouting;
import io.switchboard.kpi.policy.Thresholds;
import io.switchboard.tracing.KafkaTracing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every KPI definition edge and the failover policy, on the real topology, in event time. */
class KpiTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Thresholds THRESHOLDS = new Thresholds(5, Duration.ofMinutes(5), 0.80, 10, 2, Duration.ofSeconds(60),
            0.95, Duration.ofMinutes(10), Duration.ofMinutes(40));
    static final GroupKey SERVICE = GroupKey.service(Lifecycle.PROVIDER, Lifecycle.REGION);
    static final GroupKey TRIAGE = new GroupKey(Lifecycle.PROVIDER, Lifecycle.REGION, "triage");
    static final GroupKey CLINICIAN = new GroupKey(Lifecycle.PROVIDER, Lifecycle.REGION, "clinician");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> lifecycle;
    private TestInputTopic<String, byte[]> pins;
    private TestOutputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> snapshots;
    private TestOutputTopic<String, byte[]> deadLetters;
    private final List<String> counted = new ArrayList<>();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();

    @BeforeEach
    void start() {
        TopologySettings settings = new TopologySettings(Duration.ofMinutes(5), Duration.ofDays(62),
                Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofSeconds(1), Set.of("clinician"),
                region -> THRESHOLDS, 1);
        PipelineCounters counters = new PipelineCounters() {
            @Override
            public void late() {
                counted.add("late");
            }

            @Override
            public void duplicate() {
                counted.add("duplicate");
            }
        };
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "kafka-streams-ttd").toString());
        driver = new TopologyTestDriver(KpiTopology.build(settings, counters, tracing.get(KafkaTracing.SCOPE)), props,
                T0);
        lifecycle = driver.createInputTopic(Topics.CALLS_LIFECYCLE, new StringSerializer(), new ByteArraySerializer());
        pins = driver.createInputTopic(StoreNames.OVERRIDES_TOPIC, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createOutputTopic(Topics.ROUTING_COMMANDS, new StringDeserializer(),
                new ByteArrayDeserializer());
        snapshots = driver.createOutputTopic(Topics.KPI_SNAPSHOTS, new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(Topics.deadLetterOf(Topics.CALLS_LIFECYCLE), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        tracing.close();
    }

    // --- KPI definitions --------------------------------------------------------------------------------------

    @Test
    void answeredWithin60sIncludesExactly60sAndNotMore() {
        answeredAfter("a", 60);
        answeredAfter("b", 61);
        answeredAfter("c", 0);

        KpiCounts service = counts(SERVICE);
        assertThat(service.offered).isEqualTo(3);
        assertThat(service.answered).isEqualTo(3);
        assertThat(service.answeredWithin60s).isEqualTo(2);
        assertThat(service.figures(0, null).averageSpeedOfAnswerSeconds()).isEqualTo(121.0 / 3);
        assertThat(counts(TRIAGE).answeredWithin60s).isEqualTo(2);
    }

    @Test
    void abandonsCountAgainstTheTargetOnlyAfterMoreThan30sAndFallIntoTheIucAdcBuckets() {
        abandonedAfter("a", 30);
        abandonedAfter("b", 31);
        abandonedAfter("c", 60);
        abandonedAfter("d", 61);

        KpiCounts service = counts(SERVICE);
        assertThat(service.offered).isEqualTo(4);
        assertThat(service.abandoned()).isEqualTo(4);
        assertThat(service.abandonedUpTo30s).isEqualTo(1);
        assertThat(service.abandoned30To60s).isEqualTo(2);
        assertThat(service.abandonedOver60s).isEqualTo(1);
        assertThat(service.abandonedAfter30s()).isEqualTo(3);
        assertThat(service.figures(0, null).abandonedAfter30sShare()).isEqualTo(0.75);
    }

    @Test
    void aQueueTimeoutIsNotAnAbandonAndContingencyIsCountedOnce() {
        Lifecycle c = Lifecycle.call("t");
        pipe(c.offered(T0), c.queued(T0, "triage", 1), c.timedOut(T0.plusSeconds(20), "triage", 20),
                c.contingency(T0.plusSeconds(20), "triage", "queue-timeout"), c.ended(T0.plusSeconds(30), "contingency-complete"));

        KpiCounts service = counts(SERVICE);
        assertThat(service.timedOut).isEqualTo(1);
        assertThat(service.abandoned()).isZero();
        assertThat(service.contingencyRouted).isEqualTo(1);
        assertThat(service.answered).isZero();
        assertThat(counts(TRIAGE).timedOut).isEqualTo(1);
    }

    @Test
    void aWarmTransferCountsOneAnsweredCallForTheServiceAndOneInEachQueue() {
        Lifecycle c = Lifecycle.call("x");
        pipe(c.offered(T0), c.queued(T0, "triage", 1), c.answered(T0.plusSeconds(5), "triage", 5),
                c.transferred(T0.plusSeconds(60), "triage", "clinician"), c.queued(T0.plusSeconds(60), "clinician", 1),
                c.answered(T0.plusSeconds(70), "clinician", 10), c.ended(T0.plusSeconds(200), "agent-hangup"));

        KpiCounts service = counts(SERVICE);
        assertThat(service.offered).isEqualTo(1);
        assertThat(service.answered).isEqualTo(1);
        assertThat(service.transferredToClinician).isEqualTo(1);
        assertThat(counts(TRIAGE).transferredToClinician).isEqualTo(1);
        assertThat(counts(CLINICIAN).offered).isEqualTo(1);
        assertThat(counts(CLINICIAN).answered).isEqualTo(1);
        assertThat(waiting(SERVICE)).isZero();
    }

    @Test
    void aTransferredCallerWhoGivesUpInTheClinicianQueueIsAnAnsweredCallForTheService() {
        Lifecycle c = Lifecycle.call("gaveup");
        Lifecycle t = Lifecycle.call("clintimeout");
        pipe(c.offered(T0), c.queued(T0, "triage", 1), c.answered(T0.plusSeconds(5), "triage", 5),
                c.transferred(T0.plusSeconds(60), "triage", "clinician"), c.queued(T0.plusSeconds(60), "clinician", 1),
                c.abandoned(T0.plusSeconds(100), "clinician", 40), c.ended(T0.plusSeconds(100), "abandoned"),
                t.offered(T0), t.queued(T0, "triage", 2), t.answered(T0.plusSeconds(8), "triage", 8),
                t.transferred(T0.plusSeconds(60), "triage", "clinician"), t.queued(T0.plusSeconds(60), "clinician", 1),
                t.timedOut(T0.plusSeconds(120), "clinician", 60), t.ended(T0.plusSeconds(121), "agent-hangup"));

        KpiCounts service = counts(SERVICE);
        assertThat(service.answered).isEqualTo(2);
        assertThat(service.abandoned()).as("the front door answered them").isZero();
        assertThat(service.timedOut).isZero();
        assertThat(counts(CLINICIAN).abandoned()).isEqualTo(1);
        assertThat(counts(CLINICIAN).timedOut).isEqualTo(1);
        assertThat(waiting(SERVICE)).isZero();
    }

    @Test
    void aDuplicateEventIsCountedOnce() {
        Lifecycle c = Lifecycle.call("d");
        CallLifecycleEvent offered = c.offered(T0);
        CallLifecycleEvent queued = c.queued(T0, "triage", 1);
        CallLifecycleEvent answered = c.answered(T0.plusSeconds(4), "triage", 4);
        pipe(offered, queued, answered, answered, queued, offered);

        assertThat(counts(SERVICE).offered).isEqualTo(1);
        assertThat(counts(SERVICE).answered).isEqualTo(1);
        assertThat(counts(TRIAGE).offered).isEqualTo(1);
        assertThat(counted).containsExactly("duplicate", "duplicate", "duplicate");
    }

    @Test
    void outOfOrderEventsWithinTheGraceCountAndLeaveNoCallerWaiting() {
        Lifecycle c = Lifecycle.call("o");
        pipe(c.offered(T0), c.answered(T0.plusSeconds(9), "triage", 9));
        pipe(c.queued(T0.plusSeconds(1), "triage", 1));

        assertThat(counts(SERVICE).answered).isEqualTo(1);
        assertThat(counts(TRIAGE).offered).isEqualTo(1);
        assertThat(waiting(SERVICE)).as("queued after it was answered: not waiting").isZero();
    }

    @Test
    void anEventLaterThanTheGraceGoesToTheDeadLetterTopicWithItsReason() {
        answeredAfter("now", 3);
        Lifecycle late = Lifecycle.call("late");
        Lifecycle moveOn = Lifecycle.call("later");
        pipe(moveOn.offered(T0.plus(Duration.ofMinutes(25))));
        pipe(late.offered(T0.plusSeconds(60)));                 // its 10:00-10:15 interval closed at 10:20
        Lifecycle onTime = Lifecycle.call("ontime");
        pipe(onTime.offered(T0.plus(Duration.ofMinutes(15))));  // 10:15-10:30 is still open

        assertThat(counts(SERVICE).offered).isEqualTo(3);
        List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(late.callId());
            assertThat(CloudEventHeaders.text(r.getHeaders(), CloudEventHeaders.DLQ_REASON))
                    .startsWith("late: happened at 2026-11-21T10:01:00Z, after its 15-minute interval closed");
        });
        assertThat(counted).containsExactly("late");
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheNextOneCounts() {
        lifecycle.pipeInput(new TestRecord<>("pbx-t:bad", "{\"step\":\"offered\"".getBytes(), T0));
        lifecycle.pipeInput(new TestRecord<>("pbx-t:bad2", "{\"callId\":\"pbx-t:bad2\",\"step\":\"offered\"}".getBytes(), T0));
        lifecycle.pipeInput(new TestRecord<>("pbx-t:bad3", ("{\"callId\":\"pbx-t:bad3\",\"step\":\"offered\",\"sequence\":1,"
                + "\"occurredAt\":\"2026-11-21T10:00:00Z\",\"provider\":\"p\",\"region\":\"r\"}").getBytes(), T0));
        answeredAfter("good", 1);

        List<String> reasons = deadLetters.readRecordsToList().stream()
                .map(r -> CloudEventHeaders.text(r.getHeaders(), CloudEventHeaders.DLQ_REASON)).toList();
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0)).startsWith("not a valid CallLifecycleEvent");
        assertThat(reasons.get(1)).isEqualTo("not a valid CallLifecycleEvent: field 'sequence': Cannot map `null` into type `int`");
        assertThat(reasons.get(2)).isEqualTo("lifecycle event without eventId");
        assertThat(counts(SERVICE).answered).isEqualTo(1);
    }

    @Test
    void waitingNowAndTheLongestWaitAreLive() {
        Lifecycle a = Lifecycle.call("w1");
        Lifecycle b = Lifecycle.call("w2");
        pipe(a.offered(T0), a.queued(T0, "triage", 1), b.offered(T0.plusSeconds(30)),
                b.queued(T0.plusSeconds(30), "triage", 2));
        WaitingCalls calls = driver.<String, WaitingCalls>getKeyValueStore(StoreNames.WAITING).get(SERVICE.encode());
        assertThat(calls.count()).isEqualTo(2);
        assertThat(calls.longestWaitSeconds(T0.plusSeconds(45).toEpochMilli())).isEqualTo(45.0);

        pipe(a.answered(T0.plusSeconds(50), "triage", 50));
        assertThat(waiting(SERVICE)).isEqualTo(1);
        assertThat(waiting(TRIAGE)).isEqualTo(1);
    }

    @Test
    void snapshotsCarryTheRollingAndFixedFiguresWithCloudEventHeaders() {
        answeredAfter("s1", 10);
        abandonedAfter("s2", 45);
        driver.advanceWallClockTime(Duration.ofSeconds(10));

        List<TestRecord<String, byte[]>> records = snapshots.readRecordsToList();
        KpiSnapshotEvent rolling = records.stream().map(r -> EventJson.fromBytes(r.value(), KpiSnapshotEvent.class))
                .filter(s -> s.window() == KpiWindow.ROLLING_15M && s.queue().equals("all")).reduce((x, y) -> y)
                .orElseThrow();
        assertThat(rolling.figures().offered()).isEqualTo(2);
        assertThat(rolling.figures().answeredWithin60sShare()).isEqualTo(1.0);
        assertThat(rolling.figures().abandonedAfter30sShare()).isEqualTo(0.5);
        assertThat(records.stream().map(r -> EventJson.fromBytes(r.value(), KpiSnapshotEvent.class).window()))
                .contains(KpiWindow.FIXED_15M, KpiWindow.HOURLY, KpiWindow.DAILY);
        TestRecord<String, byte[]> first = records.get(0);
        assertThat(CloudEventHeaders.read(first.getHeaders()).type()).isEqualTo("io.switchboard.kpi.snapshots.v1.snapshot");
        assertThat(first.key()).startsWith("provider-a/north-west/");
    }

    // --- contingency policy -----------------------------------------------------------------------------------

    @Test
    void engagesWhenTooManyCallersWaitWithTheReasonAndTheFigures() {
        for (int i = 1; i <= 5; i++) {
            Lifecycle c = Lifecycle.call("q" + i);
            pipe(c.offered(T0.plusSeconds(i)), c.queued(T0.plusSeconds(i), "triage", i));
        }
        List<RoutingCommand> issued = commands();
        assertThat(issued).singleElement().satisfies(cmd -> {
            assertThat(cmd.kind()).isEqualTo(RoutingCommandKind.ENGAGE_CONTINGENCY);
            assertThat(cmd.region()).isEqualTo(Lifecycle.REGION);
            assertThat(cmd.reason()).isEqualTo("calls waiting 5 >= 5");
            assertThat(cmd.figures()).containsEntry("waitingNow", 5.0);
            assertThat(cmd.issuedBy()).isEqualTo("policy");
        });
        assertThat(routing().engaged).isTrue();
    }

    @Test
    void engagesWhenTheLongestWaitPassesTheThresholdEvenWithNoNewEvent() {
        Lifecycle c = Lifecycle.call("slow");
        pipe(c.offered(T0), c.queued(T0, "triage", 1));
        driver.advanceWallClockTime(Duration.ofSeconds(299));
        assertThat(commands()).isEmpty();
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        assertThat(commands()).singleElement()
                .satisfies(cmd -> assertThat(cmd.reason()).startsWith("longest wait 30").endsWith(" s >= 300 s"));
    }

    @Test
    void engagesWhenTheRollingAnsweredWithin60sShareFallsWithEnoughVolume() {
        for (int i = 0; i < 10; i++) {
            answeredAfter("slow" + i, i < 7 ? 90 : 10);   // 30% within 60 s, 10 answered
        }
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(commands()).singleElement().satisfies(cmd -> assertThat(cmd.reason())
                .isEqualTo("answered within 60 s 30.0% < 80.0% (10 answered in 15 min)"));
    }

    @Test
    void neverFlapsReleasingOnlyAfterTheHoldDownAndBelowTheLowerThresholds() {
        List<Lifecycle> callers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Lifecycle c = Lifecycle.call("h" + i);
            callers.add(c);
            pipe(c.offered(T0), c.queued(T0, "triage", i));
        }
        assertThat(kinds()).containsExactly(RoutingCommandKind.ENGAGE_CONTINGENCY);

        // Three answered: 2 still waiting (at the release threshold) but the hold-down (10 min) has not passed.
        for (int i = 0; i < 3; i++) {
            pipe(callers.get(i).answered(T0.plusSeconds(20), "triage", 20));
        }
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(kinds()).isEmpty();

        // Waiting goes up and down between the thresholds: still no change either way.
        Lifecycle extra = Lifecycle.call("h6");
        pipe(extra.offered(T0.plus(Duration.ofMinutes(6))), extra.queued(T0.plus(Duration.ofMinutes(6)), "triage", 3));
        pipe(extra.answered(T0.plus(Duration.ofMinutes(6)).plusSeconds(5), "triage", 5));
        for (int i = 3; i < 5; i++) {
            pipe(callers.get(i).answered(T0.plus(Duration.ofMinutes(6)).plusSeconds(10), "triage", 370));
        }
        assertThat(kinds()).isEmpty();

        driver.advanceWallClockTime(Duration.ofMinutes(6)); // hold-down passed, nobody waiting
        assertThat(kinds()).containsExactly(RoutingCommandKind.RELEASE_CONTINGENCY);
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(kinds()).as("stays released").isEmpty();
        assertThat(routing().engaged).isFalse();
        assertThat(routing().decisions).isEqualTo(2);
    }

    @Test
    void aRegionNeededAgainSoonAfterItsReleaseIsHeldTwiceAsLong() {
        surgeAnsweredAfter20s("a", T0);
        driver.advanceWallClockTime(Duration.ofMinutes(11));
        assertThat(kinds()).containsExactly(RoutingCommandKind.ENGAGE_CONTINGENCY,
                RoutingCommandKind.RELEASE_CONTINGENCY);

        Instant again = T0.plus(Duration.ofMinutes(12));
        surgeAnsweredAfter20s("b", again);
        assertThat(commands()).singleElement().satisfies(cmd -> {
            assertThat(cmd.kind()).isEqualTo(RoutingCommandKind.ENGAGE_CONTINGENCY);
            assertThat(cmd.reason()).startsWith("calls waiting 5 >= 5; held at least 1200 s: needed again ");
        });
        assertThat(routing().holdDownMillis).as("kept in the state store").isEqualTo(Duration.ofMinutes(20).toMillis());

        driver.advanceWallClockTime(Duration.ofMinutes(11));
        assertThat(kinds()).as("past the base hold-down, not the grown one").isEmpty();
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(commands()).singleElement().satisfies(cmd -> assertThat(cmd.reason())
                .endsWith(" >= hold-down 1200 s"));
    }

    /** Five callers queue at {@code at} (engaging contingency) and are all answered 20 s later. */
    private void surgeAnsweredAfter20s(String prefix, Instant at) {
        List<Lifecycle> callers = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Lifecycle c = Lifecycle.call(prefix + i);
            callers.add(c);
            pipe(c.offered(at), c.queued(at, "triage", i));
        }
        for (Lifecycle c : callers) {
            pipe(c.answered(at.plusSeconds(20), "triage", 20));
        }
    }

    @Test
    void anOperatorPinSuspendsThePolicyUntilCleared() {
        pins.pipeInput(new TestRecord<>(Lifecycle.REGION, EventJson.toBytes(new OperatorPin(Lifecycle.REGION, false,
                "user:ops-1", "planned test of contingency", T0, "cmd-1")), T0));
        for (int i = 1; i <= 6; i++) {
            Lifecycle c = Lifecycle.call("p" + i);
            pipe(c.offered(T0), c.queued(T0, "triage", i));
        }
        assertThat(kinds()).as("pinned released: no automatic engage").isEmpty();
        assertThat(routing().pinned).isTrue();

        pins.pipeInput(new TestRecord<>(Lifecycle.REGION, (byte[]) null, T0.plusSeconds(5)));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(kinds()).as("handed back: the policy engages").containsExactly(RoutingCommandKind.ENGAGE_CONTINGENCY);
        assertThat(routing().pinned).isFalse();
    }

    @Test
    void eachDecisionHasItsOwnDeterministicCommandIdAndHeaders() {
        for (int i = 1; i <= 5; i++) {
            Lifecycle c = Lifecycle.call("i" + i);
            pipe(c.offered(T0), c.queued(T0, "triage", i));
        }
        TestRecord<String, byte[]> record = commands.readRecord();
        RoutingCommand command = EventJson.fromBytes(record.value(), RoutingCommand.class);
        assertThat(record.key()).isEqualTo(Lifecycle.REGION);
        assertThat(CloudEventHeaders.read(record.getHeaders()).id()).isEqualTo(command.commandId());
        assertThat(command.commandId()).isEqualTo(java.util.UUID.nameUUIDFromBytes("kpi-policy|north-west|1".getBytes())
                .toString());
    }

    // --- tracing (Kafka Streams has no automatic instrumentation: the topology's own spans) ----------------------

    @Test
    void eachEventIsProcessedInItsCallsTraceAndTheRepartitionCarriesTheContextToStageTwo() {
        Lifecycle traced = Lifecycle.call("traced");
        String fromCallIngest = "00-" + CallTrace.of(traced.callId()).traceId() + "-00f067aa0ba902b7-01";
        pipe(fromCallIngest, traced.offered(T0));
        Lifecycle untraced = Lifecycle.call("untraced");
        pipe(untraced.offered(T0));

        SpanData stageOne = span("calls.lifecycle.v1 process", traced.callId());
        assertThat(stageOne.getTraceId()).isEqualTo(CallTrace.of(traced.callId()).traceId());
        assertThat(stageOne.getParentSpanId()).as("the producer's span, from the header").isEqualTo("00f067aa0ba902b7");
        SpanData stageTwo = span(InternalTopics.DELTAS + " process", traced.callId());
        assertThat(stageTwo.getTraceId()).isEqualTo(stageOne.getTraceId());
        assertThat(stageTwo.getParentSpanId()).as("stage one's span, through the repartition topic's headers")
                .isEqualTo(stageOne.getSpanId());

        SpanData withoutHeader = span("calls.lifecycle.v1 process", untraced.callId());
        assertThat(withoutHeader.getTraceId()).isEqualTo(CallTrace.of(untraced.callId()).traceId());
        assertThat(withoutHeader.getParentSpanId()).isEqualTo(CallTrace.of(untraced.callId()).rootSpanId());
    }

    @Test
    void aContingencyCommandHasATraceOfItsOwnLinkedToTheCallWhoseArrivalTriggeredIt() {
        for (int i = 1; i <= 5; i++) {
            Lifecycle c = Lifecycle.call("q" + i);
            pipe(c.offered(T0.plusSeconds(i)), c.queued(T0.plusSeconds(i), "triage", i));
        }
        TestRecord<String, byte[]> record = commands.readRecord();
        String traceparent = CloudEventHeaders.text(record.getHeaders(), CallTrace.HEADER);
        assertThat(traceparent).matches(CallTrace.TRACEPARENT);

        SpanData publish = single("routing.commands.v1 publish");
        assertThat(CallTrace.traceIdOf(traceparent)).isEqualTo(publish.getTraceId());
        assertThat(publish.getParentSpanContext().isValid()).as("a trace of its own").isFalse();
        for (int i = 1; i <= 5; i++) {
            assertThat(publish.getTraceId()).isNotEqualTo(CallTrace.of("pbx-t:q" + i).traceId());
        }
        String trigger = "pbx-t:q5";
        List<String> triggerSpans = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(InternalTopics.DELTAS + " process"))
                .filter(s -> trigger.equals(s.getAttributes().get(KafkaTracing.CALL_ID))).map(SpanData::getSpanId)
                .toList();
        assertThat(publish.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(CallTrace.of(trigger).traceId());
            assertThat(link.getSpanContext().getSpanId()).isIn(triggerSpans);
        });
        assertThat(publish.getAttributes().get(KafkaTracing.EVENT_ID))
                .isEqualTo(CloudEventHeaders.read(record.getHeaders()).id());
    }

    @Test
    void aCommandTheTimerDecidedIsLinkedToNoCallAndSnapshotsCarryNoTrace() {
        Lifecycle c = Lifecycle.call("slow-traced");
        pipe(c.offered(T0), c.queued(T0, "triage", 1));
        driver.advanceWallClockTime(Duration.ofSeconds(301));
        TestRecord<String, byte[]> record = commands.readRecord();
        assertThat(CloudEventHeaders.text(record.getHeaders(), CallTrace.HEADER)).matches(CallTrace.TRACEPARENT);
        assertThat(single("routing.commands.v1 publish").getLinks()).isEmpty();
        assertThat(snapshots.readRecordsToList()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.getHeaders().lastHeader(CallTrace.HEADER)).isNull());
    }

    private SpanData span(String name, String callId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name))
                .filter(s -> callId.equals(s.getAttributes().get(KafkaTracing.CALL_ID))).reduce((a, b) -> {
                    throw new AssertionError("more than one " + name + " for " + callId);
                }).orElseThrow(() -> new AssertionError("no " + name + " for " + callId + " in "
                        + spans.getFinishedSpanItems()));
    }

    private SpanData single(String name) {
        List<SpanData> named = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void answeredAfter(String id, double wait) {
        Lifecycle c = Lifecycle.call(id);
        pipe(c.offered(T0), c.queued(T0, "triage", 1), c.answered(T0.plusMillis((long) (wait * 1000)), "triage", wait),
                c.ended(T0.plusSeconds((long) wait + 60), "caller-hangup"));
    }

    private void abandonedAfter(String id, double wait) {
        Lifecycle c = Lifecycle.call(id);
        pipe(c.offered(T0), c.queued(T0, "triage", 1), c.abandoned(T0.plusMillis((long) (wait * 1000)), "triage", wait),
                c.ended(T0.plusMillis((long) (wait * 1000)), "abandoned"));
    }

    private void pipe(CallLifecycleEvent... events) {
        pipe(null, events);
    }

    private void pipe(String traceparent, CallLifecycleEvent... events) {
        for (CallLifecycleEvent e : events) {
            RecordHeaders headers = new RecordHeaders();
            if (traceparent != null) {
                headers.add(CallTrace.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
            }
            lifecycle.pipeInput(new TestRecord<>(e.callId(), EventJson.toBytes(e), headers, e.occurredAt()));
        }
    }

    private KpiCounts counts(GroupKey group) {
        return KpiBuckets.sum(driver.getKeyValueStore(StoreNames.MINUTES), group, T0.minus(Duration.ofDays(1))
                .toEpochMilli(), T0.plus(Duration.ofDays(1)).toEpochMilli());
    }

    private int waiting(GroupKey group) {
        WaitingCalls calls = driver.<String, WaitingCalls>getKeyValueStore(StoreNames.WAITING).get(group.encode());
        return calls == null ? 0 : calls.count();
    }

    private RegionRouting routing() {
        return driver.<String, RegionRouting>getKeyValueStore(StoreNames.ROUTING).get(Lifecycle.REGION);
    }

    private List<RoutingCommand> commands() {
        return commands.readValuesToList().stream().map(v -> EventJson.fromBytes(v, RoutingCommand.class)).toList();
    }

    private List<RoutingCommandKind> kinds() {
        return commands().stream().map(RoutingCommand::kind).toList();
    }
}
