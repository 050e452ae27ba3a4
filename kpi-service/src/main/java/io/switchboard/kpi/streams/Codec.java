package io.switchboard.kpi.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal binary writer and reader for state and repartition records: length-prefixed UTF-8 strings, big-endian
 * numbers. (DataOutputStream's writeUTF encodes char by char and showed up as half the topology's time.)
 */
final class Codec {

    private Codec() {
    }

    static final class Writer {
        private byte[] buffer;
        private int size;

        Writer(int sizeHint) {
            buffer = new byte[sizeHint];
        }

        Writer putByte(int value) {
            ensure(1);
            buffer[size++] = (byte) value;
            return this;
        }

        Writer putInt(int value) {
            ensure(4);
            ByteBuffer.wrap(buffer, size, 4).putInt(value);
            size += 4;
            return this;
        }

        Writer putLong(long value) {
            ensure(8);
            ByteBuffer.wrap(buffer, size, 8).putLong(value);
            size += 8;
            return this;
        }

        Writer putDouble(double value) {
            return putLong(Double.doubleToRawLongBits(value));
        }

        Writer putString(String value) {
            byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
            putInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        byte[] toBytes() {
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }
    }

    static final class Reader {
        private final ByteBuffer buffer;

        Reader(byte[] data) {
            buffer = ByteBuffer.wrap(data);
        }

        int getByte() {
            return buffer.get();
        }

        int getInt() {
            return buffer.getInt();
        }

        long getLong() {
            return buffer.getLong();
        }

        double getDouble() {
            return Double.longBitsToDouble(buffer.getLong());
        }

        String getString() {
            int length = buffer.getInt();
            String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }
    }
}
