package io.switchboard.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of a process tree, from /proc (Linux). */
public final class Memory {

    private Memory() {
    }

    /** RSS in bytes of the process and all its descendants (PostgreSQL forks one process per connection). */
    public static long residentBytesOfTree(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(p -> residentBytes(p.pid()))
                .sum();
    }

    public static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended while we looked, or this is not Linux.
        }
        return 0;
    }
}
