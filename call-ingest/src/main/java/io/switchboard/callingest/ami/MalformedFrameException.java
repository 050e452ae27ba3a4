package io.switchboard.callingest.ami;

/** An AMI message that cannot be understood; the message is the reason written to the dead-letter topic. */
public class MalformedFrameException extends RuntimeException {

    public MalformedFrameException(String reason) {
        super(reason);
    }
}
