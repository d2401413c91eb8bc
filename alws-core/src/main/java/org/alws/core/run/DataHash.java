package org.alws.core.run;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.alws.api.tensor.HostArray;

/**
 * SHA-256 fingerprints of data, for provenance. The hash covers the element type, the shape and the values, so the
 * same numbers in another shape or type hash differently. The byte stream hashed, reproducible elsewhere, is: the
 * ASCII text {@code alws-array-v1:}, the dtype label (e.g. {@code float64}), {@code :}, the rank as a little-endian
 * int32, each dimension as a little-endian int64, then the elements in row-major order as little-endian raw IEEE
 * bits (FLOAT32 4 bytes, FLOAT64 8 bytes), int32, int64, or one byte 0/1 for BOOL.
 */
public final class DataHash {
    private static final int CHUNK = 1 << 15;

    private DataHash() {
    }

    /** The lower-case hexadecimal SHA-256 of {@code array}. */
    public static String sha256(HostArray array) {
        MessageDigest md = newDigest();
        update(md, array);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * The SHA-256 of named arrays (e.g. {@code train} and {@code test}), in name order: for each, the name's UTF-8
     * length (int32) and bytes, then the array as in {@link #sha256(HostArray)}.
     */
    public static String sha256(Map<String, HostArray> arrays) {
        MessageDigest md = newDigest();
        md.update("alws-arrays-v1:".getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, HostArray> e : new TreeMap<>(arrays).entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            md.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(name.length).flip());
            md.update(name);
            update(md, e.getValue());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, HostArray a) {
        md.update(("alws-array-v1:" + a.dtype().label() + ":").getBytes(StandardCharsets.US_ASCII));
        long[] dims = a.shape().dims();
        ByteBuffer header = ByteBuffer.allocate(4 + 8 * dims.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(dims.length);
        for (long d : dims) {
            header.putLong(d);
        }
        md.update(header.flip());
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int total = a.size();
        switch (a.dtype()) {
            case FLOAT32 -> {
                float[] v = a.floats();
                for (int i = 0; i < total; i += CHUNK / 4) {
                    int n = Math.min(CHUNK / 4, total - i);
                    buf.clear();
                    buf.asFloatBuffer().put(v, i, n);
                    md.update(buf.array(), 0, n * 4);
                }
            }
            case FLOAT64 -> {
                double[] v = a.doubles();
                for (int i = 0; i < total; i += CHUNK / 8) {
                    int n = Math.min(CHUNK / 8, total - i);
                    buf.clear();
                    buf.asDoubleBuffer().put(v, i, n);
                    md.update(buf.array(), 0, n * 8);
                }
            }
            case INT32 -> {
                int[] v = a.ints();
                for (int i = 0; i < total; i += CHUNK / 4) {
                    int n = Math.min(CHUNK / 4, total - i);
                    buf.clear();
                    buf.asIntBuffer().put(v, i, n);
                    md.update(buf.array(), 0, n * 4);
                }
            }
            case INT64 -> {
                long[] v = a.longs();
                for (int i = 0; i < total; i += CHUNK / 8) {
                    int n = Math.min(CHUNK / 8, total - i);
                    buf.clear();
                    buf.asLongBuffer().put(v, i, n);
                    md.update(buf.array(), 0, n * 8);
                }
            }
            case BOOL -> {
                int[] v = a.ints();
                byte[] b = new byte[total];
                for (int i = 0; i < total; i++) {
                    b[i] = (byte) (v[i] != 0 ? 1 : 0);
                }
                md.update(b);
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
