package io.switchboard.events;

/** An event that cannot be read: its message is the reason written to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
