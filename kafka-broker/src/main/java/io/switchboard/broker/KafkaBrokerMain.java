package io.switchboard.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Runs one Kafka node in KRaft combined mode (broker and controller) on loopback, for tests and the local platform.
 *
 * <p>Usage: {@code KafkaBrokerMain <data-dir> [broker-port] [controller-port]}; a port of 0 (the default) picks a
 * free one. Prints {@code READY <bootstrap>} on stdout once the broker accepts clients. It stops when its stdin
 * closes, so a broker never outlives the process that started it, even if that process is killed.
 */
public final class KafkaBrokerMain {

    public static final String READY_PREFIX = "READY ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: KafkaBrokerMain <data-dir> [broker-port] [controller-port]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int brokerPort = args.length > 1 ? freeIfZero(Integer.parseInt(args[1])) : freeIfZero(0);
        int controllerPort = args.length > 2 ? freeIfZero(Integer.parseInt(args[2])) : freeIfZero(0);

        Properties props = serverProperties(dataDir, brokerPort, controllerPort);
        Path propsFile = dataDir.resolve("server.properties");
        Files.createDirectories(dataDir);
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "written by KafkaBrokerMain");
        }
        format(propsFile);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-shutdown"));
        server.startup();
        System.out.println(READY_PREFIX + "127.0.0.1:" + brokerPort);
        System.out.flush();

        exitWhenStdinCloses();
        server.awaitShutdown();
    }

    static Properties serverProperties(Path dataDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        // A single node: every internal topic has one replica, and fewer partitions start faster.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics come from the event contract, created up front; a misspelt topic must fail, not appear.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        return p;
    }

    private static void format(Path propsFile) {
        String clusterId = Uuid.randomUuid().toString();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString(),
                "--ignore-formatted"}, quiet);
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed with exit code " + rc);
        }
    }

    private static int freeIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // The parent never writes; any byte is ignored, only end-of-stream matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone too.
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
