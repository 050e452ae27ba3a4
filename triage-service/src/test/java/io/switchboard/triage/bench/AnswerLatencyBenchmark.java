package io.switchboard.triage.bench;

import io.switchboard.events.Topics;
import io.switchboard.localinfra.DevTokens;
import io.switchboard.localinfra.KafkaBroker;
import io.switchboard.localinfra.LocalPostgres;
import io.switchboard.localinfra.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answer-step latency of the packaged triage-service with many assessments open at once (a benchmark, not a test: it
 * is never run by {@code mvn verify}). {@code --assessments} virtual call handlers each open an assessment on the
 * minor-injury pathway, with their own bearer token, and answer its questions over HTTP ({@link HttpClient}), pausing
 * {@code --think-ms} between answers (0: saturation, every assessment always has a request in flight); at a
 * disposition a handler goes back to the first question and carries on, so every assessment stays open. The handlers
 * share a fixed pool of {@code --threads} client threads (default 16 with a think time, one per assessment without).
 * Only {@code POST /assessments/{id}/answers} is timed: client-side from sending the request to reading the whole
 * response, and server-side from the service's own histogram ({@code http_server_requests_seconds_bucket}). As a
 * baseline from the same run (the machines are shared and noisy) it times {@code GET /q/health/live}.
 *
 * <p>Without {@code --url} it starts its own Kafka broker, PostgreSQL and the packaged service
 * ({@code triage-service/target/quarkus-app/quarkus-run.jar}: {@code ./mvnw -pl triage-service package -DskipTests})
 * under {@code triage-service/target/bench}, trusting the dev token key. With {@code --url} it measures a running
 * service, which must trust the dev key (as on the local platform).
 *
 * <pre>
 * java -cp triage-service/target/test-classes:$(cat triage-service/target/test.classpath) \
 *     io.switchboard.triage.bench.AnswerLatencyBenchmark [--assessments 200] [--think-ms 1000] [--threads 16]
 *     [--warmup-s 20] [--seconds 60] [--url http://localhost:8082] [--root .]
 * </pre>
 */
public final class AnswerLatencyBenchmark {

    private static final Pattern ID = Pattern.compile("\"assessmentId\":\"([0-9a-f-]{36})\"");
    private static final Pattern CURRENT = Pattern.compile(
            "\"current\":\\{\"kind\":\"(question|disposition)\",\"id\":\"([a-z0-9-]+)\"");
    private static final Pattern ANSWER_BUCKET = Pattern.compile(
            "(?m)^http_server_requests_seconds_bucket\\{([^}]*uri=\"/assessments/\\{id\\}/answers\"[^}]*)\\} (\\S+)$");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    /** The non-red-flag route through minor-injury v1: five questions before a disposition. */
    private static final Map<String, String> ROUTE = Map.of("q-head", "no", "q-bleeding", "no", "q-deformity", "no",
            "q-weight", "yes", "q-wound", "no");

    private AnswerLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        List<AutoCloseable> started = new ArrayList<>();
        String url = o.url;
        try {
            if (url == null) {
                url = startEverything(o, started);
            }
            run(o, url);
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    private static void run(Options o, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(o.threads());
        System.out.printf(Locale.ROOT, "triage answer-step latency: %d concurrent assessments, think time %d ms, "
                + "%d client threads, warm-up %d s, measured %d s, service %s%n", o.assessments, o.thinkMs,
                o.threads(), o.warmupSeconds, o.seconds, url);

        List<Handler> handlers = new ArrayList<>();
        List<java.util.concurrent.Future<?>> opening = new ArrayList<>();
        for (int h = 0; h < o.assessments; h++) {
            Handler handler = new Handler(h, client, url);
            handlers.add(handler);
            opening.add(pool.submit(() -> {
                handler.open();
                return null;
            }));
        }
        for (var f : opening) {
            f.get(120, TimeUnit.SECONDS);
        }
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmupSeconds);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(o.seconds);
        CountDownLatch finished = new CountDownLatch(o.assessments);
        for (Handler handler : handlers) {
            // Spread the handlers' first answers over one think time, as calls in progress would be.
            long delay = o.thinkMs == 0 ? 0 : (long) (Math.random() * o.thinkMs);
            pool.schedule(() -> handler.step(pool, o.thinkMs, warmupEnd, end, finished), delay, TimeUnit.MILLISECONDS);
        }

        // Baseline in the same run (this machine is shared and noisy): the service's plainest request, no token, no
        // database, every 20 ms during the measured window.
        long[] probe = new long[(int) (o.seconds * 50L + 100)];
        int probes = 0;
        while (System.nanoTime() < warmupEnd) {
            sleepMs(50);
        }
        Map<Double, Double> serverBefore = serverBuckets(client, url);
        while (System.nanoTime() < end && probes < probe.length) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/q/health/live"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                probe[probes++] = System.nanoTime() - t0;
            }
            sleepMs(20);
        }
        finished.await(120, TimeUnit.SECONDS);
        Map<Double, Double> serverAfter = serverBuckets(client, url);
        pool.shutdownNow();
        long[] baseline = Arrays.copyOf(probe, probes);
        Arrays.sort(baseline);

        long[] all = handlers.stream().flatMapToLong(h -> Arrays.stream(h.samples, 0, h.count)).sorted().toArray();
        long failed = handlers.stream().filter(h -> h.failure != null).count();
        handlers.stream().filter(h -> h.failure != null).limit(5)
                .forEach(h -> System.err.println("handler " + h.number + " stopped: " + h.failure));
        if (all.length == 0) {
            throw new IllegalStateException("no answer was measured (handlers failed: " + failed + ")");
        }
        System.out.printf(Locale.ROOT, "answers measured: %d (%.0f/s), handlers failed: %d%n", all.length,
                all.length / (double) o.seconds, failed);
        System.out.printf(Locale.ROOT, "answer latency ms (client): p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  "
                + "(target p99 <= 5)%n", ms(percentile(all, 50)), ms(percentile(all, 95)), ms(percentile(all, 99)),
                ms(all[all.length - 1]));
        printServerSide(serverBefore, serverAfter);
        if (baseline.length > 0) {
            System.out.printf(Locale.ROOT, "baseline GET /q/health/live ms (same run, no token, no database): p50 %.2f  "
                    + "p95 %.2f  p99 %.2f  max %.2f  (%d probes)%n", ms(percentile(baseline, 50)),
                    ms(percentile(baseline, 95)), ms(percentile(baseline, 99)), ms(baseline[baseline.length - 1]),
                    baseline.length);
        }
        System.out.printf(Locale.ROOT, "machine: %d processors, load average at the end %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (failed > 0) {
            throw new IllegalStateException(failed + " handlers failed");
        }
    }

    /** One virtual call handler with one open assessment, stepping through it on the shared pool. */
    private static final class Handler {
        final int number;
        final HttpClient client;
        final String url;
        final long[] samples = new long[1 << 12];
        int count;
        volatile Exception failure;
        String token;
        String id;
        String current;

        Handler(int number, HttpClient client, String url) {
            this.number = number;
            this.client = client;
            this.url = url;
        }

        void open() throws IOException, InterruptedException {
            token = DevTokens.issue("bench-handler-" + number, Duration.ofHours(2), "call-handler");
            String body = post(client, url + "/assessments", token, "{\"callId\":\"bench-pbx:" + System.nanoTime()
                    + "." + number + "\",\"pathwayId\":\"minor-injury\",\"patient\":{\"ageYears\":30,"
                    + "\"sex\":\"female\"},\"location\":{\"postcode\":\"LS1 4AP\"}}", 201);
            id = match(ID, body, 1);
            current = match(CURRENT, body, 2);
        }

        /** Answers the current question (timed); at a disposition goes back to the first one (not timed). */
        void step(ScheduledExecutorService pool, long thinkMs, long warmupEnd, long end, CountDownLatch finished) {
            try {
                if (System.nanoTime() >= end) {
                    finished.countDown();
                    return;
                }
                long t0 = System.nanoTime();
                String next = post(client, url + "/assessments/" + id + "/answers", token,
                        "{\"questionId\":\"" + current + "\",\"answerId\":\"" + ROUTE.get(current) + "\"}", 200);
                long took = System.nanoTime() - t0;
                if (t0 >= warmupEnd && count < samples.length) {
                    samples[count++] = took;
                }
                if ("disposition".equals(match(CURRENT, next, 1))) {
                    next = post(client, url + "/assessments/" + id + "/back", token, "{\"questionId\":\"q-head\"}",
                            200);
                }
                current = match(CURRENT, next, 2);
                pool.schedule(() -> step(pool, thinkMs, warmupEnd, end, finished), thinkMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                finished.countDown();
            } catch (Exception e) {
                failure = e;
                finished.countDown();
            }
        }
    }

    /**
     * The service's own histogram of the answer endpoint ({@code http_server_requests_seconds_bucket}, cumulative
     * counts by upper bound in seconds): request received to response written, without the client or the network.
     */
    private static Map<Double, Double> serverBuckets(HttpClient client, String url) throws IOException,
            InterruptedException {
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        String metrics = client.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ANSWER_BUCKET.matcher(metrics);
        while (m.find()) {
            Matcher le = LE.matcher(m.group(1));
            if (le.find()) {
                double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                buckets.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    private static void printServerSide(Map<Double, Double> before, Map<Double, Double> after) {
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0)
                - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (total <= 0) {
            System.out.println("server-side histogram: not available (no http_server_requests_seconds_bucket)");
            return;
        }
        StringBuilder shares = new StringBuilder();
        Double p99Bound = null;
        for (Map.Entry<Double, Double> e : after.entrySet()) {
            if (e.getKey().isInfinite()) {
                continue;
            }
            double within = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / total;
            shares.append(String.format(Locale.ROOT, "  <=%s ms %.2f%%", trim(e.getKey() * 1000), within * 100));
            if (p99Bound == null && within >= 0.99) {
                p99Bound = e.getKey() * 1000;
            }
        }
        System.out.printf(Locale.ROOT, "server-side answers (service's own histogram, %.0f requests):%s%n", total,
                shares);
        System.out.println("server-side p99 <= " + (p99Bound == null ? "(above the largest bound)"
                : trim(p99Bound) + " ms"));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String startEverything(Options o, List<AutoCloseable> started) throws IOException, InterruptedException {
        Path work = o.root.resolve("triage-service/target/bench");
        Files.createDirectories(work);
        Path jar = o.root.resolve("triage-service/target/quarkus-app/quarkus-run.jar");
        System.out.println("starting Kafka, PostgreSQL and " + jar + " under " + work);
        KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0);
        started.add(kafka);
        kafka.createTopics(Topics.allWithDeadLetters());
        LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"), 0);
        started.add(postgres);
        postgres.createDatabase("triage");
        int port = freePort();
        ServiceProcess service = ServiceProcess.start("triage-service", jar, port, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("triage"),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD,
                "SWITCHBOARD_HMAC_KEY", "benchmark-key-not-a-secret-0123456789",
                // DEV/TEST ONLY: trust the committed dev key, as the local platform does.
                "MP_JWT_VERIFY_PUBLICKEY", DevTokens.publicKeyPem(),
                "MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER), work.resolve("logs"),
                List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC"));
        started.add(service);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!service.isReady()) {
            if (!service.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("triage-service did not become ready; see " + service.log());
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling a health endpoint: nothing to wait on
        }
        return service.url("");
    }

    private static String post(HttpClient client, String url, String token, String json, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String match(Pattern pattern, String body, int group) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected response: " + body);
        }
        return m.group(group);
    }

    private static void sleepMs(long ms) throws InterruptedException {
        if (ms > 0) {
            TimeUnit.MILLISECONDS.sleep(ms); // a call handler's think time, not synchronisation
        }
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * @param clientThreads the fixed pool the handlers share; by default 16 with a think time (handlers mostly
     *                      think), one per assessment without (saturation: every assessment has a request in flight)
     */
    private record Options(int assessments, long thinkMs, int warmupSeconds, int seconds, String url, Path root,
            int clientThreads) {

        int threads() {
            return clientThreads > 0 ? clientThreads : thinkMs == 0 ? assessments : Math.min(16, assessments);
        }

        static Options parse(String[] args) {
            int assessments = 200;
            long thinkMs = 1000;
            int warmup = 20;
            int seconds = 60;
            String url = null;
            Path root = Path.of(".");
            int threads = 0;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--assessments" -> assessments = Integer.parseInt(value);
                    case "--think-ms" -> thinkMs = Long.parseLong(value);
                    case "--warmup-s" -> warmup = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--url" -> url = value;
                    case "--root" -> root = Path.of(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: --assessments, --think-ms, --warmup-s, --seconds, --url, --root, --threads)");
                }
                i++;
            }
            return new Options(assessments, thinkMs, warmup, seconds, url, root, threads);
        }
    }
}
