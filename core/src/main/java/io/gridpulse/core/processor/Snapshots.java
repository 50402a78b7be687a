package io.gridpulse.core.processor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The framing every {@link MeterProcessor#snapshot()} shares: a version number, then the body. */
public final class Snapshots {
    private Snapshots() {}

    /** Writes a processor's state. */
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a processor's state back. */
    public interface Restorer<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static byte[] write(int version, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(version);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a snapshot written by {@link #write}; a different version is refused, naming {@code what}. */
    public static <T> T read(byte[] snapshot, int version, String what, Restorer<T> restorer) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            int found = in.readInt();
            if (found != version) {
                throw new IllegalArgumentException("unsupported " + what + " snapshot version " + found);
            }
            return restorer.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + what + " snapshot", e);
        }
    }
}
