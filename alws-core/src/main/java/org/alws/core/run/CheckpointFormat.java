package org.alws.core.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.alws.api.StorageException;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * The binary checkpoint format, version 1. All numbers are little-endian.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "ALWSCKPT" (ASCII)
 *      8     4  format version (int32) = 1
 *     12     4  reserved (int32) = 0
 *     16     8  payload length L (int64)
 *     24     L  payload
 *   24+L     4  CRC-32C of bytes [0, 24+L) (int32)
 *
 * payload: step (int64)
 *          state count (int32), then per entry: key (string), value (string)
 *          variable count (int32), then per variable:
 *              name (string), dtype code (int8), rank (int32), dims (rank x int64), elements
 * string:  byte length (int32), UTF-8 bytes
 * dtype:   1 FLOAT32 (4 bytes each, IEEE bits as stored), 2 FLOAT64 (8 bytes, IEEE bits as stored),
 *          3 INT32 (4 bytes), 4 INT64 (8 bytes), 5 BOOL (1 byte, 0 or 1)
 * </pre>
 *
 * Floating values are copied as raw bits, so NaN payloads and negative zeros survive. The length in the header
 * detects truncation and the CRC detects corruption before anything is parsed.
 */
final class CheckpointFormat {
    static final int VERSION = 1;
    private static final byte[] MAGIC = "ALWSCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 24;
    private static final int TRAILER = 4;
    private static final int MAX_RANK = 64;
    private static final int BUFFER = 1 << 16;

    private CheckpointFormat() {
    }

    // ---------------------------------------------------------------------------------------------- writing

    static void write(Checkpoint c, OutputStream out, FaultInjector faults) throws IOException {
        Sink sink = new Sink(out);
        sink.bytes(MAGIC);
        sink.int32(VERSION);
        sink.int32(0);
        sink.int64(payloadLength(c));
        sink.int64(c.step());
        sink.int32(c.state().size());
        for (Map.Entry<String, String> e : c.state().entrySet()) {
            sink.string(e.getKey());
            sink.string(e.getValue());
        }
        sink.int32(c.variables().size());
        for (Map.Entry<String, HostArray> e : c.variables().entrySet()) {
            HostArray a = e.getValue();
            sink.string(e.getKey());
            sink.int8(code(a.dtype()));
            long[] dims = a.shape().dims();
            sink.int32(dims.length);
            for (long d : dims) {
                sink.int64(d);
            }
            sink.elements(a);
            faults.at("checkpoint.variable");
        }
        sink.finish();
    }

    private static long payloadLength(Checkpoint c) {
        long n = 8 + 4 + 4;
        for (Map.Entry<String, String> e : c.state().entrySet()) {
            n += stringLength(e.getKey()) + stringLength(e.getValue());
        }
        for (Map.Entry<String, HostArray> e : c.variables().entrySet()) {
            HostArray a = e.getValue();
            n += stringLength(e.getKey()) + 1 + 4 + 8L * a.shape().rank() + (long) a.size() * width(a.dtype());
        }
        return n;
    }

    private static long stringLength(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A buffered little-endian writer that keeps a CRC of everything written and appends it at the end. */
    private static final class Sink {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();

        Sink(OutputStream out) {
            this.out = out;
        }

        void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        void flush() throws IOException {
            crc.update(buf.array(), 0, buf.position());
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }

        void int8(byte v) throws IOException {
            room(1);
            buf.put(v);
        }

        void int32(int v) throws IOException {
            room(4);
            buf.putInt(v);
        }

        void int64(long v) throws IOException {
            room(8);
            buf.putLong(v);
        }

        void bytes(byte[] b) throws IOException {
            for (int off = 0; off < b.length; ) {
                room(1);
                int n = Math.min(buf.remaining(), b.length - off);
                buf.put(b, off, n);
                off += n;
            }
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int32(b.length);
            bytes(b);
        }

        void elements(HostArray a) throws IOException {
            int width = width(a.dtype());
            int total = a.size();
            float[] floats = a.dtype() == DType.FLOAT32 ? a.floats() : null;
            double[] doubles = a.dtype() == DType.FLOAT64 ? a.doubles() : null;
            int[] ints = a.dtype() == DType.INT32 || a.dtype() == DType.BOOL ? a.ints() : null;
            long[] longs = a.dtype() == DType.INT64 ? a.longs() : null;
            for (int i = 0; i < total; ) {
                room(width);
                int n = Math.min(buf.remaining() / width, total - i);
                int at = buf.position();
                switch (a.dtype()) {
                    case FLOAT32 -> buf.asFloatBuffer().put(floats, i, n);
                    case FLOAT64 -> buf.asDoubleBuffer().put(doubles, i, n);
                    case INT32 -> buf.asIntBuffer().put(ints, i, n);
                    case INT64 -> buf.asLongBuffer().put(longs, i, n);
                    case BOOL -> {
                        for (int k = 0; k < n; k++) {
                            buf.put(at + k, (byte) (ints[i + k] != 0 ? 1 : 0));
                        }
                    }
                }
                buf.position(at + n * width);
                i += n;
            }
        }

        void finish() throws IOException {
            flush();
            int value = (int) crc.getValue();
            buf.putInt(value);
            out.write(buf.array(), 0, buf.position());
            buf.clear();
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * Reads and verifies a checkpoint file.
     *
     * @throws StorageException naming the file if it is missing, truncated, corrupt or of another format version
     */
    static Checkpoint read(Path file) {
        Path path = file.toAbsolutePath();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER + TRAILER) {
                throw corrupt(path, "is truncated: " + size + " bytes, less than the " + (HEADER + TRAILER)
                        + "-byte minimum");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, 0);
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw corrupt(path, "is not an alws checkpoint (bad magic number)");
            }
            int version = header.getInt();
            if (version != VERSION) {
                throw corrupt(path, "has format version " + version + "; this alws reads format version " + VERSION);
            }
            header.getInt();
            long payload = header.getLong();
            long expected = HEADER + payload + TRAILER;
            if (payload < 0 || size < expected) {
                throw corrupt(path, "is truncated: expected " + expected + " bytes, found " + size);
            }
            if (size > expected) {
                throw corrupt(path, "is corrupt: " + (size - expected) + " unexpected bytes after the checksum");
            }
            verifyChecksum(channel, path, HEADER + payload);
            Source in = new Source(channel, HEADER, HEADER + payload, path);
            Checkpoint c = parse(in);
            if (in.remaining() != 0) {
                throw corrupt(path, "is corrupt: " + in.remaining() + " unread payload bytes");
            }
            return c;
        } catch (NoSuchFileException e) {
            throw new StorageException("checkpoint " + path + " does not exist", e);
        } catch (IOException e) {
            throw new StorageException("cannot read checkpoint " + path + ": " + AtomicFiles.describe(e), e);
        }
    }

    private static Checkpoint parse(Source in) throws IOException {
        long step = in.int64();
        if (step < 0) {
            throw in.corrupt("negative step " + step);
        }
        int stateCount = in.count("state entries");
        Map<String, String> state = new LinkedHashMap<>();
        for (int i = 0; i < stateCount; i++) {
            state.put(in.string(), in.string());
        }
        int variableCount = in.count("variables");
        Map<String, HostArray> variables = new LinkedHashMap<>();
        for (int i = 0; i < variableCount; i++) {
            String name = in.string();
            DType dtype = dtype(in.int8(), in);
            int rank = in.int32();
            if (rank < 0 || rank > MAX_RANK) {
                throw in.corrupt("variable '" + name + "' has rank " + rank);
            }
            long[] dims = new long[rank];
            long elements = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.int64();
                if (dims[d] < 0) {
                    throw in.corrupt("variable '" + name + "' has dimension " + dims[d]);
                }
                try {
                    elements = Math.multiplyExact(elements, dims[d]);
                } catch (ArithmeticException e) {
                    throw in.corrupt("variable '" + name + "' has an impossible shape");
                }
            }
            if (elements > in.remaining() / width(dtype) || elements > Integer.MAX_VALUE) {
                throw in.corrupt("variable '" + name + "' claims " + elements + " elements, more than the file holds");
            }
            variables.put(name, in.elements(Shape.of(dims), dtype, (int) elements));
        }
        return new Checkpoint(step, variables, state);
    }

    private static void verifyChecksum(FileChannel channel, Path path, long covered) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long pos = 0;
        while (pos < covered) {
            buf.clear();
            buf.limit((int) Math.min(BUFFER, covered - pos));
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw corrupt(path, "is truncated");
            }
            buf.flip();
            crc.update(buf);
            pos += n;
        }
        ByteBuffer stored = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, stored, covered);
        stored.flip();
        int expected = stored.getInt();
        int actual = (int) crc.getValue();
        if (expected != actual) {
            throw corrupt(path, String.format("is corrupt: checksum mismatch (stored %08x, computed %08x)",
                    expected, actual));
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static StorageException corrupt(Path path, String what) {
        return new StorageException("checkpoint " + path + " " + what);
    }

    /** A bounded little-endian reader over the payload of a checksum-verified file. */
    private static final class Source {
        private final FileChannel channel;
        private final long end;
        private final Path path;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        private long filePos;

        Source(FileChannel channel, long start, long end, Path path) {
            this.channel = channel;
            this.end = end;
            this.path = path;
            this.filePos = start;
            buf.limit(0);
        }

        long remaining() {
            return end - filePos + buf.remaining();
        }

        StorageException corrupt(String what) {
            return CheckpointFormat.corrupt(path, "is corrupt: " + what);
        }

        private void need(int n) throws IOException {
            if (buf.remaining() >= n) {
                return;
            }
            if (remaining() < n) {
                throw corrupt("payload ends early");
            }
            buf.compact();
            buf.limit((int) Math.min(buf.capacity(), buf.position() + (end - filePos)));
            while (buf.position() < n) {
                int r = channel.read(buf, filePos);
                if (r < 0) {
                    throw corrupt("payload ends early");
                }
                filePos += r;
            }
            buf.flip();
        }

        byte int8() throws IOException {
            need(1);
            return buf.get();
        }

        int int32() throws IOException {
            need(4);
            return buf.getInt();
        }

        long int64() throws IOException {
            need(8);
            return buf.getLong();
        }

        int count(String what) throws IOException {
            int n = int32();
            if (n < 0 || n > remaining()) {
                throw corrupt("implausible number of " + what + ": " + n);
            }
            return n;
        }

        String string() throws IOException {
            int n = int32();
            if (n < 0 || n > remaining()) {
                throw corrupt("implausible string length " + n);
            }
            byte[] b = new byte[n];
            for (int off = 0; off < n; ) {
                need(1);
                int k = Math.min(buf.remaining(), n - off);
                buf.get(b, off, k);
                off += k;
            }
            return new String(b, StandardCharsets.UTF_8);
        }

        HostArray elements(Shape shape, DType dtype, int total) throws IOException {
            int width = width(dtype);
            float[] floats = dtype == DType.FLOAT32 ? new float[total] : null;
            double[] doubles = dtype == DType.FLOAT64 ? new double[total] : null;
            int[] ints = dtype == DType.INT32 ? new int[total] : null;
            long[] longs = dtype == DType.INT64 ? new long[total] : null;
            boolean[] bools = dtype == DType.BOOL ? new boolean[total] : null;
            for (int i = 0; i < total; ) {
                need(width);
                int n = Math.min(buf.remaining() / width, total - i);
                int at = buf.position();
                switch (dtype) {
                    case FLOAT32 -> buf.asFloatBuffer().get(floats, i, n);
                    case FLOAT64 -> buf.asDoubleBuffer().get(doubles, i, n);
                    case INT32 -> buf.asIntBuffer().get(ints, i, n);
                    case INT64 -> buf.asLongBuffer().get(longs, i, n);
                    case BOOL -> {
                        for (int k = 0; k < n; k++) {
                            byte b = buf.get(at + k);
                            if (b != 0 && b != 1) {
                                throw corrupt("boolean element " + (i + k) + " is " + b);
                            }
                            bools[i + k] = b == 1;
                        }
                    }
                }
                buf.position(at + n * width);
                i += n;
            }
            return switch (dtype) {
                case FLOAT32 -> HostArray.ofFloats(shape, floats);
                case FLOAT64 -> HostArray.of(shape, doubles);
                case INT32 -> HostArray.ofInts(shape, ints);
                case INT64 -> HostArray.ofLongs(shape, longs);
                case BOOL -> HostArray.ofBooleans(shape, bools);
            };
        }
    }

    // ---------------------------------------------------------------------------------------------- dtypes

    private static byte code(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> 1;
            case FLOAT64 -> 2;
            case INT32 -> 3;
            case INT64 -> 4;
            case BOOL -> 5;
        };
    }

    private static DType dtype(byte code, Source in) {
        return switch (code) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.FLOAT64;
            case 3 -> DType.INT32;
            case 4 -> DType.INT64;
            case 5 -> DType.BOOL;
            default -> throw in.corrupt("unknown dtype code " + code);
        };
    }

    private static int width(DType dtype) {
        return switch (dtype) {
            case FLOAT32, INT32 -> 4;
            case FLOAT64, INT64 -> 8;
            case BOOL -> 1;
        };
    }
}
