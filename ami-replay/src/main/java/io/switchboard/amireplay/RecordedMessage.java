package io.switchboard.amireplay;

/**
 * One message of a recorded AMI stream, where it was in the stream and when it arrived.
 *
 * @param index      position among the transcript's messages (the banner line is not a message), from 0
 * @param offset     byte offset of its first byte in the raw {@code <s>.ami} stream
 * @param recordedAt epoch seconds of the recv() chunk the message starts in (from {@code <s>.ami.timing})
 * @param message    the message, with the recorded bytes
 */
public record RecordedMessage(int index, int offset, double recordedAt, AmiMessage message) {

    public boolean isEvent() {
        return message.isEvent();
    }

    /** The event name or, for a response, {@code "Response:<type>"} (the notation SUMMARY.txt uses). */
    public String kind() {
        return message.isEvent() ? message.eventName() : "Response:" + message.responseType();
    }
}
