package io.switchboard.drill;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The drill's progress bar on the terminal: one line redrawn in place. Without a terminal (CI logs) it prints a
 * line every 10% instead.
 */
class Progress {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private int lastDecile = -1;
    private boolean midLine;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static Progress onConsole() {
        return new Progress(System.err, System.console() != null);
    }

    synchronized void update(double fraction, LocalDateTime virtualNow, int callsEnded, long published,
            Boolean engaged) {
        int filled = (int) Math.round(fraction * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %3d%%  %s  calls ended at the PBX %d, on the platform %d%s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), Math.round(fraction * 100), WHEN.format(virtualNow),
                callsEnded, published, engaged == null ? "" : engaged ? "  CONTINGENCY ENGAGED" : "  contingency off");
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            midLine = true;
        } else {
            int decile = (int) (fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line);
            }
        }
        out.flush();
    }

    synchronized void done() {
        if (midLine) {
            out.println();
            midLine = false;
        }
    }

    synchronized void say(String message) {
        done();
        out.println(message);
        out.flush();
    }
}
