package io.switchboard.callingest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.callingest.ami.AmiFrameParser;
import io.switchboard.events.AgentStateEvent;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.Pseudonymiser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconcileTest {

    private final List<CallLifecycleEvent> events = new ArrayList<>();
    private final CallTracker tracker = new CallTracker("pbx-t", LineDirectory.single("p", "r"),
            new Pseudonymiser("test-key-of-sufficient-length"), List.of("PJSIP/contingency"), Set.of(),
            new LifecycleSink() {
                @Override
                public void call(CallLifecycleEvent event) {
                    events.add(event);
                }

                @Override
                public void agent(AgentStateEvent event) {
                }
            });
    private final Instant t0 = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void callsThePbxNoLongerHasAreClosedAsTrackingLostAndLiveOnesKept() {
        newCall("1.1", t0);
        newCall("1.2", t0);
        tracker.reconcile(new PbxSnapshot(Set.of("1.2"), List.of()), t0.plusSeconds(5), t0.plusSeconds(6));

        assertThat(events).extracting(e -> e.callId() + " " + e.step().wireName() + " " + e.reason())
                .containsExactly("pbx-t:1.1 offered null", "pbx-t:1.2 offered null", "pbx-t:1.1 ended tracking-lost");
        assertThat(tracker.callsInProgress()).isEqualTo(1);
    }

    @Test
    void aCallActiveSinceTheSnapshotWasRequestedIsNotClosed() {
        newCall("1.3", t0.plusSeconds(10));
        tracker.reconcile(new PbxSnapshot(Set.of(), List.of()), t0.plusSeconds(5), t0.plusSeconds(11));
        assertThat(tracker.callsInProgress()).isEqualTo(1);
    }

    @Test
    void aLiveCallerNobodyKnewOfIsAdoptedWithTheSameEventIdsItWouldHaveHad() {
        tracker.reconcile(new PbxSnapshot(Set.of("1.4"), List.of(new PbxSnapshot.LiveCaller("1.4", "1.4",
                "PJSIP/trunk-00000004", "07700900123", "100", 30, "triage", 2, 25, null))), t0,
                t0.plusSeconds(40));
        List<CallLifecycleEvent> adopted = List.copyOf(events);
        events.clear();
        CallTracker fresh = new CallTracker("pbx-t", LineDirectory.single("p", "r"),
                new Pseudonymiser("test-key-of-sufficient-length"), List.of(), Set.of(), new LifecycleSink() {
                    @Override
                    public void call(CallLifecycleEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void agent(AgentStateEvent event) {
                    }
                });
        fresh.onFrame(AmiFrameParser.parse(List.of("Event: Newchannel", "Channel: PJSIP/trunk-00000004",
                "Uniqueid: 1.4", "Linkedid: 1.4", "CallerIDNum: 07700900123", "Exten: 100"), t0));

        assertThat(adopted).extracting(e -> e.step().wireName() + " " + e.queue() + " " + e.queuePosition())
                .containsExactly("offered null null", "queued triage 2");
        assertThat(adopted.get(0).occurredAt()).isEqualTo(t0.plusSeconds(10));
        assertThat(adopted.get(0).eventId()).isEqualTo(events.get(0).eventId());
    }

    @Test
    void aCallerAlreadyTalkingToAHandlerIsAdoptedAsAnsweredAndEndsAsAnAnsweredCall() {
        ResyncCollector resync = new ResyncCollector("rs1", t0);
        for (List<String> frame : List.of(
                List.of("Event: CoreShowChannel", "ActionID: 42#rs1-channels", "Channel: PJSIP/trunk-00000005",
                        "Uniqueid: 1.5", "Linkedid: 1.5", "CallerIDNum: 07700900125", "Exten: 100",
                        "BridgeId: b-5", "Application: Queue", "ApplicationData: triage,t,,,20",
                        "Duration: 00:05:00"),
                List.of("Event: CoreShowChannel", "ActionID: 42#rs1-channels", "Channel: PJSIP/handler-07-0000000a",
                        "Uniqueid: 1.6", "Linkedid: 1.5", "BridgeId: b-5", "Application: AppQueue",
                        "ApplicationData: (Outgoing Line)", "Duration: 00:04:00"),
                List.of("Event: CoreShowChannelsComplete", "ActionID: 42#rs1-channels"),
                List.of("Event: QueueStatusComplete", "ActionID: 42#rs1-queues"))) {
            resync.accept(AmiFrameParser.parse(frame, t0));
        }
        Instant now = t0.plusSeconds(2);
        tracker.reconcile(resync.snapshot().orElseThrow(), t0, now);

        Pseudonymiser pseudonymiser = new Pseudonymiser("test-key-of-sufficient-length");
        assertThat(events).extracting(e -> e.step().wireName() + " " + e.queue() + " " + e.waitSeconds())
                .containsExactly("offered null null", "queued triage null", "answered triage 60.0");
        CallLifecycleEvent answered = events.get(2);
        assertThat(answered.agentId()).isEqualTo(pseudonymiser.agent("PJSIP/handler-07"));
        assertThat(answered.occurredAt()).isEqualTo(now.minusSeconds(240));
        assertThat(events.get(0).occurredAt()).isEqualTo(now.minusSeconds(300));
        assertThat(tracker.handlerChannelOf("pbx-t:1.5")).contains("PJSIP/handler-07-0000000a");

        tracker.onFrame(AmiFrameParser.parse(List.of("Event: Hangup", "Channel: PJSIP/trunk-00000005",
                "Uniqueid: 1.5", "Linkedid: 1.5", "Cause: 16"), now.plusSeconds(30)));
        assertThat(events.get(events.size() - 1)).satisfies(e -> {
            assertThat(e.step().wireName()).isEqualTo("ended");
            assertThat(e.reason()).as("not hangup-before-queue").isEqualTo("caller-hangup");
        });
    }

    private void newCall(String id, Instant at) {
        tracker.onFrame(AmiFrameParser.parse(List.of("Event: Newchannel", "Channel: PJSIP/trunk-0000000" + id.charAt(2),
                "Uniqueid: " + id, "Linkedid: " + id, "CallerIDNum: 0770090012" + id.charAt(2), "Exten: 100"), at));
    }
}
