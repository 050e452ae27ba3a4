package io.switchboard.callingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.KafkaTestResource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no PBX to talk to, call-ingest stays alive, keeps retrying, and says it is not ready, and why. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PbxDownTest.NoPbx.class)
class PbxDownTest {

    @Test
    void isLiveButNotReadyAndSaysWhy() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'pbx-link' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'pbx-link' }.data.reason", containsString("cannot reach the PBX"));
    }

    /** Points call-ingest at a loopback port nobody listens on. */
    public static class NoPbx implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("switchboard.ami.host", "127.0.0.1", "switchboard.ami.port", Integer.toString(port),
                    "switchboard.ami.reconnect-initial-backoff", "100ms", "switchboard.pbx-id", "pbx-down");
        }

        @Override
        public void stop() {
        }
    }
}
