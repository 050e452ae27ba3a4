package io.switchboard.localinfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service run as its own JVM, with its log in a file (local platform, benchmarks). */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.log = log;
        this.process = process;
    }

    public static ServiceProcess start(String name, Path quarkusRunJar, int httpPort, Map<String, String> env, Path logDir)
            throws IOException {
        return start(name, quarkusRunJar, httpPort, env, logDir, List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC"));
    }

    /** @param jvmOptions heap and GC settings for the service's JVM */
    public static ServiceProcess start(String name, Path quarkusRunJar, int httpPort, Map<String, String> env,
            Path logDir, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(name + " is not built: " + quarkusRunJar
                    + " is missing (run ./mvnw install -DskipTests first; deploy/local/run does)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dquarkus.http.port=" + httpPort, "-jar", quarkusRunJar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new ServiceProcess(name, httpPort, log, builder.start());
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return log;
    }

    public String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once /q/health/ready answers 200. */
    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
