package io.switchboard.callingest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.amireplay.ActionReply;
import io.switchboard.amireplay.AmiMessage;
import io.switchboard.amireplay.AmiReplayServer;
import io.switchboard.amireplay.AmiTranscript;
import io.switchboard.amireplay.RecordedMessage;
import io.switchboard.amireplay.StandardActions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in PBX for call-ingest's tests: an AMI server replaying recorded transcripts over a real socket to the
 * real asterisk-java client. Init arguments: {@code scenarios} (comma-separated, default all), {@code pbx-id},
 * {@code cut-after} (drop the socket after n events; the reconnect resumes after them) and {@code omit-caller}
 * (leave that caller out of the CoreShowChannels answer after the cut, as if its end had been missed).
 */
public class AmiReplayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String HMAC_KEY = "test-only-key-not-a-secret-0123456789";
    private static AmiReplayServer server;
    private List<String> scenarios = AmiTranscript.SCENARIOS;
    private String pbxId = "pbx-test";
    private int cutAfter;
    private String omitCaller;

    public static AmiReplayServer server() {
        return server;
    }

    @Override
    public void init(Map<String, String> args) {
        if (args.containsKey("scenarios")) {
            scenarios = Arrays.asList(args.get("scenarios").split(","));
        }
        pbxId = args.getOrDefault("pbx-id", pbxId);
        cutAfter = Integer.parseInt(args.getOrDefault("cut-after", "0"));
        omitCaller = args.get("omit-caller");
    }

    @Override
    public Map<String, String> start() {
        AmiReplayServer.Builder builder = AmiReplayServer.builder()
                .port(0)
                .scenarios(scenarios)
                .asFastAsPossible()
                // asterisk-java ignores a disconnect during login(); give the login time to finish first
                .afterLoginDelay(Duration.ofMillis(300))
                // Asterisk raises VarSet (Channel: none) for a global Setvar: what the adapter confirms against
                .onAction("Setvar", StandardActions.setvarEmittingVarSet())
                .onAction("GetVar", action -> ActionReply.of(AmiMessage.of("Response", "Success",
                        "Variable", action.header("Variable"), "Value", "0")));
        if (cutAfter > 0) {
            builder.cutAfterMessages(cutAfter).coreShowChannels(liveCallersAfter(scenarios.get(0), cutAfter));
        }
        server = builder.start();
        Map<String, String> config = new HashMap<>();
        config.put("switchboard.ami.host", "127.0.0.1");
        config.put("switchboard.ami.port", Integer.toString(server.port()));
        config.put("switchboard.ami.username", AmiReplayServer.DEFAULT_USERNAME);
        config.put("switchboard.ami.password", AmiReplayServer.DEFAULT_SECRET);
        config.put("switchboard.ami.reconnect-initial-backoff", "100ms");
        config.put("switchboard.pbx-id", pbxId);
        // the packaged application runs with the prod profile, which has no key of its own
        config.put("switchboard.hmac-key", HMAC_KEY);
        return config;
    }

    /** What CoreShowChannels would list once n events of the transcript have happened: every caller still up. */
    private List<AmiMessage> liveCallersAfter(String scenario, int events) {
        Map<String, AmiMessage> live = new LinkedHashMap<>();
        int replayed = 0;
        for (RecordedMessage recorded : AmiTranscript.load(scenario).events()) {
            AmiMessage m = recorded.message();
            if (m.has("ActionID")) {
                continue; // the recorder's own QueueStatus snapshot is not part of the replayed stream
            }
            if (replayed++ >= events) {
                break;
            }
            String uniqueid = m.get("Uniqueid");
            if ("Newchannel".equals(m.eventName()) && uniqueid != null && uniqueid.equals(m.get("Linkedid"))
                    && !m.get("Channel").startsWith("Local/")) {
                live.put(uniqueid, m);
            } else if ("Hangup".equals(m.eventName()) && uniqueid != null) {
                live.remove(uniqueid);
            }
        }
        List<AmiMessage> channels = new ArrayList<>();
        for (AmiMessage newchannel : live.values()) {
            if (newchannel.get("CallerIDNum").equals(omitCaller)) {
                continue;
            }
            channels.add(AmiMessage.of("Event", "CoreShowChannel",
                    "Channel", newchannel.get("Channel"),
                    "Uniqueid", newchannel.get("Uniqueid"),
                    "Linkedid", newchannel.get("Linkedid"),
                    "CallerIDNum", newchannel.get("CallerIDNum"),
                    "Context", newchannel.get("Context"),
                    "Exten", newchannel.get("Exten"),
                    "Application", "Queue",
                    "Duration", "00:00:05"));
        }
        return channels;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
