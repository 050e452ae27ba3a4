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
                "PJSIP/trunk-00000004", "07700900123", "100", 30, "triage", 2, 25))), t0, t0.plusSeconds(40));
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

    private void newCall(String id, Instant at) {
        tracker.onFrame(AmiFrameParser.parse(List.of("Event: Newchannel", "Channel: PJSIP/trunk-0000000" + id.charAt(2),
                "Uniqueid: " + id, "Linkedid: " + id, "CallerIDNum: 0770090012" + id.charAt(2), "Exten: 100"), at));
    }
}
