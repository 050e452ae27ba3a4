package io.switchboard.local;

import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.simulator.GroundTruth;
import io.switchboard.simulator.Simulation;
import io.switchboard.simulator.SimulationConfig;
import io.switchboard.simulator.SimulatorServer;
import io.switchboard.simulator.handlers.DispositionMix;
import io.switchboard.simulator.handlers.SimulatedHandlers;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The local platform's PBX: the call-centre simulator replaying the past week of a North West provider (the
 * simulator's default hour-of-week profile and matched staffing) at accelerated time, so call-ingest sees the AMI of
 * a real Asterisk and the KPIs move. It starts a week back so that the virtual clock stays in the past (Kafka
 * refuses records stamped too far in the future).
 */
final class DemoTraffic implements AutoCloseable {

    static final String USERNAME = AmiReplayServer.DEFAULT_USERNAME;
    static final String PASSWORD = AmiReplayServer.DEFAULT_SECRET;
    static final Duration SIMULATED = Duration.ofDays(7);

    private final SimulatorServer server;
    private SimulatedHandlers handlers;

    private DemoTraffic(SimulatorServer server) {
        this.server = server;
    }

    static DemoTraffic start(int port, double speed, long seed) {
        ZonedDateTime weekAgo = ZonedDateTime.now(ZoneId.of("Europe/London")).minus(SIMULATED)
                .truncatedTo(ChronoUnit.HOURS);
        // Transfers to the clinician queue come from triage's transfer-to-clinician dispositions, not the model.
        SimulationConfig config = SimulationConfig.builder().seed(seed).start(weekAgo).duration(SIMULATED)
                .transferShare(0).build();
        return new DemoTraffic(SimulatorServer.builder(new Simulation(config)).port(port).speed(speed).start());
    }

    /**
     * Call handlers at their desks: every caller the simulated PBX connects to a triage handler is assessed through
     * triage-service's real API with a dev token (role call-handler), so outcomes flow to calls.outcomes.v1.
     */
    void attachHandlers(LocalPlatform platform) throws java.io.IOException, InterruptedException {
        String token = io.switchboard.localinfra.DevTokens.issue("simulated-handler", Duration.ofDays(8),
                "call-handler");
        handlers = new SimulatedHandlers(new SimulatedHandlers.Settings(
                java.net.URI.create(platform.serviceUrl("triage-service", "/")), () -> token, LocalPlatform.PBX_ID,
                DispositionMix.nhs111(), server.simulation().config().seed, 53.4808, -2.2426, 4));
        handlers.attachTo(server.simulation());
    }

    LocalPlatform.Pbx pbx() {
        return new LocalPlatform.Pbx(server.port(), USERNAME, PASSWORD);
    }

    GroundTruth groundTruth() {
        return server.simulation().groundTruth();
    }

    /** Where the simulation's clock stands, as the PBX's events show it. */
    ZonedDateTime virtualNow() {
        Simulation simulation = server.simulation();
        return simulation.config().start.plusNanos((long) (simulation.virtualNow() * 1e9));
    }

    @Override
    public void close() {
        if (handlers != null) {
            handlers.close();
        }
        server.close();
    }
}
