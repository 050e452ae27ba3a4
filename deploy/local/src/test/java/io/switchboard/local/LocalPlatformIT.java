package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.events.Topics;
import io.switchboard.localinfra.TopicAdmin;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, minus the build: the whole platform starts from the packaged services and every
 * service reports ready. Prints the start time and memory, the figures operators size machines by.
 */
class LocalPlatformIT {

    private static LocalPlatform platform;
    private static DemoTraffic traffic;
    private static long startMillis;

    @BeforeAll
    static void startPlatform() throws Exception {
        Path root = Path.of(System.getProperty("switchboard.root", "../.."));
        platform = new LocalPlatform(root, Path.of("target/local-platform-it"), false);
        long t0 = System.nanoTime();
        platform.startInfrastructure();
        traffic = DemoTraffic.start(0, 100, 7);
        platform.startServices(traffic.pbx(), LocalPlatformMain.serviceEnvironment());
        traffic.attachHandlers(platform);
        startMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    @AfterAll
    static void stopPlatform() {
        if (traffic != null) {
            traffic.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyServiceIsReadyOnItsDocumentedPort() {
        assertThat(platform.httpPorts()).containsExactly(
                java.util.Map.entry("call-ingest", 8081),
                java.util.Map.entry("triage-service", 8082),
                java.util.Map.entry("directory-service", 8083),
                java.util.Map.entry("kpi-service", 8084));
        System.out.printf("local platform: ready in %d ms, %d MB resident across all processes%n", startMillis,
                platform.residentBytes() / (1024 * 1024));
    }

    @Test
    void kcatReadsTheSimulatedCallsLifecycleWithItsCloudEventHeaders() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String out = kcat(Topics.CALLS_LIFECYCLE);
            return out.contains("\"ce_type\",\"io.switchboard.calls.lifecycle.v1.offered\"")
                    && out.contains("\"ce_type\",\"io.switchboard.calls.lifecycle.v1.ended\"");
        });
        String out = kcat(Topics.CALLS_LIFECYCLE);
        assertThat(out).contains("\"ce_specversion\",\"1.0\"").contains("\"ce_source\",\"/switchboard/call-ingest/"
                + LocalPlatform.PBX_ID + "\"");
        assertThat(traffic.groundTruth().calls()).as("calls have ended at the PBX").isNotEmpty();
        for (var call : traffic.groundTruth().calls()) {
            assertThat(out).as("no caller number in clear").doesNotContain(call.callerNumber());
        }
        assertThat(out).contains(LocalPlatformMain.REGION);
    }

    @Test
    void simulatedHandlersTriageCallsAndOutcomesWithChosenServicesFlow() throws Exception {
        // Answered calls are assessed through triage's API; directory-service publishes each call's outcome 30 s
        // after the call ends, with a service from the synthetic national directory where one is needed.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String out = kcat(Topics.CALLS_OUTCOMES);
            return out.contains("service-chosen") && out.contains("io.switchboard.calls.outcomes.v1.outcome");
        });
        assertThat(kcat(Topics.TRIAGE_OUTCOMES)).contains("disposition-reached");
    }

    private String kcat(String topic) throws Exception {
        Process kcat = new ProcessBuilder("kcat", "-b", platform.bootstrapServers(), "-t", topic, "-C", "-J", "-e",
                "-q").redirectErrorStream(true).start();
        String out = new String(kcat.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        kcat.waitFor();
        return out;
    }

    @Test
    void theBrokerHoldsEveryContractTopic() throws Exception {
        try (TopicAdmin admin = new TopicAdmin(platform.bootstrapServers())) {
            assertThat(admin.listTopics()).containsAll(
                    Topics.allWithDeadLetters().stream().map(Topics.TopicSpec::name).toList());
        }
    }
}
