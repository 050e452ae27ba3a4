package io.switchboard.simulator.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call handlers at their desks: when the PBX connects a caller to a handler, the handler assesses the call through
 * triage-service's real API, authenticated like a real handler, and walks a pathway to a disposition drawn from a
 * {@link DispositionMix}. A transfer-to-clinician disposition makes triage-service ask the PBX (through
 * routing.commands.v1 and call-ingest) to transfer the caller to the clinician queue.
 *
 * <p>Each call's choices come from its own random stream (the seed and the call's id), so a rerun makes the same
 * choices. The caller's location is a point near the region's centre, never a real address.
 */
public final class SimulatedHandlers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHandlers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the handlers are and what they work with. */
    public record Settings(URI triage, Supplier<String> bearerToken, String pbxId, DispositionMix mix, long seed,
            double latitude, double longitude, int desks) {
    }

    /**
     * Lets the handler keep the caller on the line while assessing (the simulated PBX's
     * {@code ProviderModel.assessing/assessed}); without it the PBX ends the talk when its drawn time is up.
     */
    public interface CallHold {
        void hold(String linkedid);

        void release(String linkedid);
    }

    /** How long a handler waits for a transfer they asked for before hanging up (the command may be refused). */
    static final Duration TRANSFER_WAIT = Duration.ofSeconds(10);

    /** What the handlers did: assessments started, finished by disposition group, failed with the last error. */
    public record Stats(long started, Map<String, Long> finishedByGroup, long failed, String lastError) {
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService desks;
    private final TriageRoutes routes = new TriageRoutes();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> finished = new ConcurrentHashMap<>();
    private volatile String lastError;
    private volatile CallHold hold;
    private final java.util.concurrent.ScheduledExecutorService later =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "simulated-handler-transfer-wait");
                t.setDaemon(true);
                return t;
            });

    public SimulatedHandlers(Settings settings) throws IOException, InterruptedException {
        this.settings = settings;
        for (JsonNode summary : get("/pathways")) {
            routes.addPathway(get("/pathways/" + summary.get("id").asText() + "/versions"
                    + "/" + summary.get("version").asInt()));
        }
        for (String group : settings.mix().shares().keySet()) {
            if (settings.mix().shares().get(group) > 0 && routes.routesTo(group).isEmpty()) {
                throw new IllegalArgumentException("no pathway route ends in disposition group " + group
                        + "; the pathways offer " + routes.counts().keySet());
            }
        }
        this.desks = Executors.newFixedThreadPool(settings.desks(), r -> {
            Thread t = new Thread(r, "simulated-handler");
            t.setDaemon(true);
            return t;
        });
        LOG.info("simulated handlers ready: routes per disposition group {}", routes.counts());
    }

    public void holdCallsWith(CallHold hold) {
        this.hold = hold;
    }

    /**
     * Puts the handlers at the desks of a simulated PBX: every caller it connects to a triage handler is assessed,
     * and kept on the line until the assessment (and a transfer it asks for) is done.
     */
    public void attachTo(io.switchboard.simulator.Simulation simulation) {
        holdCallsWith(new CallHold() {
            @Override
            public void hold(String linkedid) {
                // Called from the event listener, inside the model's step: mark the call without moving the clock.
                simulation.peek(m -> {
                    m.assessing(linkedid);
                    return null;
                });
            }

            @Override
            public void release(String linkedid) {
                simulation.withModel(m -> {
                    m.assessed(linkedid);
                    return null;
                });
            }
        });
        simulation.addListener(m -> {
            if ("AgentConnect".equals(m.eventName()) && "triage".equals(m.get("Queue"))) {
                answered(m.get("Linkedid"));
            }
        });
    }

    /** The PBX connected this call (its Linkedid) to a handler: assess it. */
    public void answered(String linkedid) {
        CallHold h = hold;
        if (h != null) {
            h.hold(linkedid);
        }
        desks.execute(() -> assess(linkedid));
    }

    /**
     * A scripted handler, for tests that expect exact outcomes: assesses the call on {@code pathwayId} by the first
     * route that reaches {@code dispositionCode}.
     */
    public void assess(String linkedid, String pathwayId, String dispositionCode) {
        TriageRoutes.Route route = routes.route(pathwayId, dispositionCode).orElseThrow(() ->
                new IllegalArgumentException("no route of pathway " + pathwayId + " reaches " + dispositionCode));
        String callId = settings.pbxId() + ":" + linkedid;
        desks.execute(() -> walk(linkedid, route, new Random(settings.seed() * 31 + callId.hashCode())));
    }

    private void assess(String linkedid) {
        Random random = new Random(settings.seed() * 31 + (settings.pbxId() + ":" + linkedid).hashCode());
        List<TriageRoutes.Route> candidates = routes.routesTo(settings.mix().draw(random));
        walk(linkedid, candidates.get(random.nextInt(candidates.size())), random);
    }

    private void walk(String linkedid, TriageRoutes.Route route, Random random) {
        String callId = settings.pbxId() + ":" + linkedid;
        String group = route.group();
        boolean transfer = false;
        try {
            ObjectNode start = JSON.createObjectNode().put("callId", callId).put("pathwayId", route.pathwayId());
            int age = Math.max(route.minAge(), Math.min(route.maxAge(), 18 + random.nextInt(60)));
            start.putObject("patient").put("ageYears", age)
                    .put("sex", route.sexes().get(random.nextInt(route.sexes().size())));
            start.putObject("location").put("latitude", settings.latitude() + (random.nextDouble() - 0.5) * 0.1)
                    .put("longitude", settings.longitude() + (random.nextDouble() - 0.5) * 0.1);
            started.incrementAndGet();
            String id = post("/assessments", start).get("assessmentId").asText();
            for (String[] answer : route.answers()) {
                post("/assessments/" + id + "/answers",
                        JSON.createObjectNode().put("questionId", answer[0]).put("answerId", answer[1]));
            }
            post("/assessments/" + id + "/finish", JSON.createObjectNode().put("dispositionCode",
                    route.dispositionCode()));
            finished.computeIfAbsent(group, g -> new AtomicLong()).incrementAndGet();
            transfer = DispositionMix.CLINICIAN.equals(group);
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            lastError = callId + ": " + e.getMessage();
            LOG.debug("assessment of {} failed: {}", callId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CallHold h = hold;
            if (h != null) {
                if (transfer) {
                    // Stay on the line for the transfer triage asked the PBX for; hang up if it never comes.
                    later.schedule(() -> h.release(linkedid), TRANSFER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    h.release(linkedid);
                }
            }
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(settings.triage().resolve(path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(settings.triage().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer "
                + settings.bearerToken().get()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.request().uri().getPath() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public Stats stats() {
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        finished.forEach((g, n) -> byGroup.put(g, n.get()));
        return new Stats(started.get(), byGroup, failed.get(), lastError);
    }

    /** Waits until every call handed over so far has been assessed (or failed). */
    public void drain(Duration limit) throws InterruptedException {
        desks.shutdown();
        desks.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        later.shutdownNow();
        desks.shutdownNow();
    }
}
