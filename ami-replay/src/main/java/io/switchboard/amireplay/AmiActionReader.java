package io.switchboard.amireplay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the client's messages: header lines up to a blank line. Accepts CRLF and bare LF line ends.
 */
final class AmiActionReader {

    /** Far above any real action; stops a client that never sends a blank line from growing the buffer forever. */
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final InputStream in;

    AmiActionReader(InputStream in) {
        this.in = in;
    }

    /** The next message, or {@code null} at end of stream. Blank lines between messages are skipped. */
    AmiMessage next() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b != '\n') {
                line.write(b);
                if (message.size() + line.size() > MAX_MESSAGE_BYTES) {
                    throw new IOException("AMI message longer than " + MAX_MESSAGE_BYTES + " bytes");
                }
                continue;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (length == 0) {
                if (message.size() > 0) {
                    return AmiMessage.parse(message.toByteArray());
                }
                continue;
            }
            message.write(bytes, 0, length);
            message.write(AmiMessage.CRLF, 0, 2);
        }
    }
}
