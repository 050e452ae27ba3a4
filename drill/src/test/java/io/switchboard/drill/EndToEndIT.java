package io.switchboard.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.CallStep;
import io.switchboard.local.LocalPlatform;
import io.switchboard.localinfra.DevTokens;
import io.switchboard.simulator.handlers.DispositionMix;
import io.switchboard.simulator.handlers.SimulatedHandlers;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline in one test: recorded Asterisk AMI (five real calls) into the packaged call-ingest, simulated
 * call handlers assessing two of them through triage-service's API, directory-service choosing services from the
 * synthetic national directory, kpi-service alongside; real Kafka and real PostgreSQL. Every call must come out on
 * calls.outcomes.v1 exactly as expected: call id, result, disposition and the type of service chosen.
 */
class EndToEndIT {

    static final Path ROOT = Path.of(System.getProperty("switchboard.root", ".."));
    static final String REGION = "e2e-region";

    /** What each recorded call must end as, by its Linkedid in the transcripts (SUMMARY.txt). */
    record Expected(String scenario, String result, String disposition, String serviceType) {
    }

    static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();

    static {
        // Answered; the handler reaches the mental health crisis disposition: the crisis team (open around the clock,
        // so the choice does not depend on the time the test runs) is chosen.
        EXPECTED.put("1795280266.0", new Expected("a_answered", "service-chosen", "SBMHC1", "mental-health-crisis"));
        // Answered; a red flag (swelling of the throat): category 1 ambulance, no service to find.
        EXPECTED.put("1795280289.2", new Expected("a2_agent_hangup", "no-service-needed", "SBAMBC1", null));
        // The caller hung up in the queue.
        EXPECTED.put("1795280305.4", new Expected("b_abandon", "abandoned", null, null));
        // Answered and transferred on the PBX, but nobody assessed it: triage incomplete, said so.
        EXPECTED.put("1795280325.7", new Expected("c_blind_transfer", "triage-incomplete", null, null));
        // The queue timed out and the call went to the contingency provider.
        EXPECTED.put("1795280374.15", new Expected("d_timeout_contingency", "contingency", null, null));
    }

    @Test
    void recordedCallsWithSimulatedTriageComeOutWithExactlyTheExpectedOutcomes() throws Exception {
        try (LocalPlatform platform = new LocalPlatform(ROOT, Path.of("target/e2e/platform"), true);
                AmiReplayServer pbx = AmiReplayServer.builder().port(0).scenarios(EXPECTED.values().stream()
                        .map(Expected::scenario).toList()).speed(1).start()) {
            platform.startInfrastructure();
            try (PlatformObserver observer = new PlatformObserver(platform.bootstrapServers(), REGION)) {
                // Everything but call-ingest starts first; the recordings play (in real time) when call-ingest
                // logs in, and the first call is answered 5 s into its recording.
                platform.startServices(new LocalPlatform.Pbx(pbx.port(), AmiReplayServer.DEFAULT_USERNAME,
                        AmiReplayServer.DEFAULT_SECRET), Map.of("SWITCHBOARD_REGION", REGION, "SWITCHBOARD_PROVIDER",
                        "e2e-provider", "SWITCHBOARD_DIRECTORY_SYNTHETIC_SERVICES", "100000"));
                String token = DevTokens.issue("e2e-handler", Duration.ofHours(1), "call-handler");
                try (SimulatedHandlers handlers = new SimulatedHandlers(new SimulatedHandlers.Settings(
                        URI.create(platform.serviceUrl("triage-service", "/")), () -> token, LocalPlatform.PBX_ID,
                        DispositionMix.nhs111(), 1, 53.4808, -2.2426, 2))) {
                    // A handler starts the assessment when the platform says the call was answered.
                    assessWhenAnswered(observer, handlers, "1795280266.0", "mental-health-crisis", "SBMHC1");
                    assessWhenAnswered(observer, handlers, "1795280289.2", "rash", "SBAMBC1");

                    await().atMost(Duration.ofMinutes(3)).until(() -> observer.callsWithOutcome() >= EXPECTED.size());
                    Map<String, PlatformObserver.ObservedCall> calls = observer.calls();
                    Map<String, Expected> actual = new LinkedHashMap<>();
                    for (String linkedid : EXPECTED.keySet()) {
                        PlatformObserver.ObservedCall call = calls.get(LocalPlatform.PBX_ID + ":" + linkedid);
                        assertThat(call).as("call %s", linkedid).isNotNull();
                        assertThat(call.outcomes).as("exactly one outcome for %s", linkedid).hasSize(1);
                        assertThat(call.ends).as("exactly one end for %s", linkedid).isEqualTo(1);
                        CallOutcomeEvent o = call.outcomes.get(0);
                        actual.put(linkedid, new Expected(EXPECTED.get(linkedid).scenario(), o.result().wireName(),
                                o.disposition() == null ? null : o.disposition().code(),
                                o.service() == null ? null : o.service().type()));
                        if (o.result() == CallOutcomeEvent.Result.SERVICE_CHOSEN) {
                            assertThat(o.service().distanceKm()).as("within the widest search radius").isLessThanOrEqualTo(120.0);
                        }
                    }
                    assertThat(actual).containsExactlyEntriesOf(EXPECTED);
                    assertThat(observer.calls().keySet()).as("no call the PBX did not carry")
                            .allMatch(id -> EXPECTED.containsKey(id.substring(id.indexOf(':') + 1)));
                    assertThat(observer.deadLetters()).isEmpty();
                    assertThat(handlers.stats().failed()).as(String.valueOf(handlers.stats().lastError())).isZero();
                }
            }
        }
    }

    private static void assessWhenAnswered(PlatformObserver observer, SimulatedHandlers handlers, String linkedid,
            String pathway, String disposition) {
        String callId = LocalPlatform.PBX_ID + ":" + linkedid;
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            PlatformObserver.ObservedCall call = observer.calls().get(callId);
            return call != null && call.steps.contains(CallStep.ANSWERED);
        });
        handlers.assess(linkedid, pathway, disposition);
    }
}
