package io.switchboard.local;

import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.amireplay.AmiTranscript;

/**
 * The local platform's PBX stand-in: an AMI server replaying the recorded Asterisk transcripts in a loop, with
 * fresh call ids on every pass, so call-ingest sees the traffic of a real PBX.
 */
final class DemoTraffic implements AutoCloseable {

    static final String USERNAME = AmiReplayServer.DEFAULT_USERNAME;
    static final String PASSWORD = AmiReplayServer.DEFAULT_SECRET;

    private final AmiReplayServer server;

    private DemoTraffic(AmiReplayServer server) {
        this.server = server;
    }

    static DemoTraffic start(int port, double speed) {
        return new DemoTraffic(AmiReplayServer.builder()
                .port(port)
                .scenarios(AmiTranscript.SCENARIOS)
                .loop(true)
                .speed(speed)
                .start());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
