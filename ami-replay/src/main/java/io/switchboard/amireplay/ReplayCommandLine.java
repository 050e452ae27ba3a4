package io.switchboard.amireplay;

import java.time.Duration;
import java.util.Arrays;

/** Parses the command line of {@link AmiReplayServer#main(String[])} into a builder. */
final class ReplayCommandLine {

    static final String USAGE = """
            usage: java -cp ... io.switchboard.amireplay.AmiReplayServer [options]
              --port N                   port on 127.0.0.1 (default 5038; 0 picks a free one)
              --speed F|max              speed factor, 1 = real time (default 1); max = no delays
              --loop                     replay the playlist forever, identifiers rewritten per pass
              --scenarios all|S,S,...    playlist (default all): %s
              --username U --secret S    accepted AMI credentials (default harness / harness-secret)
              --after-login-delay-ms N   pause after the Login answer (default 0)
              --queue-status-wait-ms N   wait at the recorded QueueStatus answer for the client's (default 1000)
              --cut-after N              fault injection: cut the first connection after N events
              --help                     this text
            """.formatted(String.join(",", AmiTranscript.SCENARIOS));

    static final int DEFAULT_PORT = 5038;

    private ReplayCommandLine() {
    }

    /** The configured builder, or {@code null} when help was asked for; a bad argument throws. */
    static AmiReplayServer.Builder parse(String... args) {
        AmiReplayServer.Builder builder = AmiReplayServer.builder().port(DEFAULT_PORT);
        String username = AmiReplayServer.DEFAULT_USERNAME;
        String secret = AmiReplayServer.DEFAULT_SECRET;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--loop" -> builder.loop(true);
                case "--port" -> builder.port(parseInt(option, value(args, ++i, option)));
                case "--speed" -> {
                    String speed = value(args, ++i, option);
                    builder.speed(speed.equalsIgnoreCase("max") ? Double.POSITIVE_INFINITY : parseDouble(option, speed));
                }
                case "--scenarios" -> {
                    String list = value(args, ++i, option);
                    if (!list.equalsIgnoreCase("all")) {
                        builder.scenarios(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                    }
                }
                case "--username" -> username = value(args, ++i, option);
                case "--secret" -> secret = value(args, ++i, option);
                case "--after-login-delay-ms" ->
                        builder.afterLoginDelay(Duration.ofMillis(parseInt(option, value(args, ++i, option))));
                case "--queue-status-wait-ms" ->
                        builder.queueStatusWait(Duration.ofMillis(parseInt(option, value(args, ++i, option))));
                case "--cut-after" -> builder.cutAfterMessages(parseInt(option, value(args, ++i, option)));
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        return builder.credentials(username, secret);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a whole number: " + value);
        }
    }

    private static double parseDouble(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: " + value);
        }
    }
}
