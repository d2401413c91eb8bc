package org.alws.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.alws.api.StorageException;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path temp;

    private RunDirectory run;

    @BeforeEach
    void createRun() {
        run = RunDirectory.create(temp, "run");
    }

    /** Doubles whose bits a careless format would change: NaN payloads, signalling NaN, -0, extremes. */
    static final long[] DOUBLE_BITS = {
        0x7ff8000000000123L, 0xfff8000000000001L, 0x7ff0000000000001L, 0x8000000000000000L, 0L,
        Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(-Double.MAX_VALUE),
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Math.PI),
    };
    static final int[] FLOAT_BITS = {
        0x7fc00123, 0xffc00001, 0x7f800001, 0x80000000, 0, Float.floatToRawIntBits(Float.MIN_VALUE),
        Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), Float.floatToRawIntBits(0.1f),
    };

    static Checkpoint sample(long step) {
        double[] d = new double[DOUBLE_BITS.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.longBitsToDouble(DOUBLE_BITS[i]);
        }
        float[] f = new float[FLOAT_BITS.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat(FLOAT_BITS[i]);
        }
        Map<String, HostArray> vars = new LinkedHashMap<>();
        vars.put("model/W", HostArray.of(Shape.of(3, 3), d));
        vars.put("model/f", HostArray.ofFloats(Shape.of(2, 4), f));
        vars.put("ints", HostArray.ofInts(Shape.of(4), new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}));
        vars.put("longs", HostArray.ofLongs(Shape.of(2, 1), new long[] {Long.MIN_VALUE, Long.MAX_VALUE}));
        vars.put("mask", HostArray.ofBooleans(Shape.of(3), new boolean[] {true, false, true}));
        vars.put("scalar", HostArray.scalar(step + 0.5));
        vars.put("empty", HostArray.of(Shape.of(0, 5), new double[0]));
        vars.put("ünïcode name", HostArray.vector(1, 2));
        return new Checkpoint(step, vars, Map.of("epoch", "3", "cursor", "17", "note", "π ≈ 3.14"));
    }

    static void assertBitExact(Checkpoint actual, Checkpoint expected) {
        assertThat(actual.step()).isEqualTo(expected.step());
        assertThat(actual.state()).isEqualTo(expected.state());
        assertThat(actual.variables().keySet()).containsExactlyElementsOf(expected.variables().keySet());
        for (String name : expected.variables().keySet()) {
            HostArray a = actual.variables().get(name);
            HostArray e = expected.variables().get(name);
            assertThat(a.dtype()).as(name).isEqualTo(e.dtype());
            assertThat(a.shape()).as(name).isEqualTo(e.shape());
            switch (e.dtype()) {
                case FLOAT64 -> {
                    for (int i = 0; i < e.size(); i++) {
                        assertThat(Double.doubleToRawLongBits(a.doubles()[i])).as(name + "[" + i + "]")
                                .isEqualTo(Double.doubleToRawLongBits(e.doubles()[i]));
                    }
                }
                case FLOAT32 -> {
                    for (int i = 0; i < e.size(); i++) {
                        assertThat(Float.floatToRawIntBits(a.floats()[i])).as(name + "[" + i + "]")
                                .isEqualTo(Float.floatToRawIntBits(e.floats()[i]));
                    }
                }
                case INT64 -> assertThat(a.longs()).as(name).containsExactly(e.longs());
                default -> assertThat(a.ints()).as(name).containsExactly(e.ints());
            }
        }
    }

    @Test
    void roundTripIsBitExactForEveryDtypeIncludingNanPayloadsAndNegativeZero() {
        Checkpoint original = sample(1200);

        Path file = run.writeCheckpoint(original);

        assertThat(file.getFileName().toString()).isEqualTo("step-000001200.ckpt");
        assertThat(file.getParent()).isEqualTo(run.path().resolve("checkpoints"));
        assertBitExact(run.readLatestCheckpoint().orElseThrow(), original);
        assertBitExact(run.readCheckpoint(1200), original);
        assertBitExact(RunDirectory.readCheckpointFile(file), original);
        // The bits survived, not just the values: a NaN payload check that HostArray.equals would not make.
        HostArray w = run.readCheckpoint(1200).variables().get("model/W");
        assertThat(Double.doubleToRawLongBits(w.doubles()[0])).isEqualTo(0x7ff8000000000123L);
    }

    @Test
    void largeArraysCrossingBufferBoundariesRoundTrip() {
        SplittableRandom random = new SplittableRandom(42);
        double[] d = random.doubles(100_003).toArray();
        float[] f = new float[70_001];
        for (int i = 0; i < f.length; i++) {
            f[i] = Float.intBitsToFloat(random.nextInt());
        }
        long[] l = random.longs(33_333).toArray();
        boolean[] b = new boolean[65_537];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextBoolean();
        }
        Checkpoint original = new Checkpoint(5, Map.of(
                "d", HostArray.of(Shape.of(100_003), d),
                "f", HostArray.ofFloats(Shape.of(70_001), f),
                "l", HostArray.ofLongs(Shape.of(33_333), l),
                "b", HostArray.ofBooleans(Shape.of(65_537), b),
                "x", HostArray.ofInts(Shape.of(3), new int[] {1, 2, 3})), Map.of());

        run.writeCheckpoint(original);

        assertBitExact(run.readLatestCheckpoint().orElseThrow(), original);
    }

    @Test
    void anEmptyCheckpointRoundTrips() {
        run.writeCheckpoint(new Checkpoint(0, Map.of(), Map.of()));

        Checkpoint c = run.readLatestCheckpoint().orElseThrow();
        assertThat(c.step()).isZero();
        assertThat(c.variables()).isEmpty();
        assertThat(c.state()).isEmpty();
    }

    @Test
    void noCheckpointGivesEmpty() {
        assertThat(run.readLatestCheckpoint()).isEmpty();
        assertThat(run.checkpointFiles()).isEmpty();
    }

    @Test
    void latestPointsAtTheNewestCheckpoint() throws IOException {
        run.writeCheckpoint(sample(100));
        run.writeCheckpoint(sample(200));

        assertThat(Files.readString(run.path().resolve("checkpoints/latest"))).isEqualTo("step-000000200.ckpt\n");
        assertThat(run.readLatestCheckpoint().orElseThrow().step()).isEqualTo(200);
    }

    @Test
    void aCrashWhileWritingTheDataLeavesThePreviousCheckpointIntactAndReadable() throws IOException {
        Checkpoint first = sample(100);
        run.writeCheckpoint(first);
        RunDirectory crashing = run.withFaults(point -> {
            if (point.equals("checkpoint.variable")) {
                throw new IOException("simulated crash");
            }
        });

        Path second = run.path().resolve("checkpoints/step-000000200.ckpt");
        assertThatThrownBy(() -> crashing.writeCheckpoint(sample(200)))
                .isInstanceOf(StorageException.class)
                .hasMessage("cannot write " + second + ": IOException: simulated crash");

        assertThat(second).doesNotExist();
        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000100.ckpt");
        assertBitExact(run.readLatestCheckpoint().orElseThrow(), first);
    }

    @Test
    void aCrashBeforeTheRenameLeavesThePreviousCheckpointIntact() {
        Checkpoint first = sample(100);
        run.writeCheckpoint(first);
        RunDirectory crashing = run.withFaults(point -> {
            if (point.equals("checkpoint.written")) {
                throw new IOException("simulated crash");
            }
        });

        assertThatThrownBy(() -> crashing.writeCheckpoint(sample(200))).isInstanceOf(StorageException.class);

        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000100.ckpt");
        assertBitExact(run.readLatestCheckpoint().orElseThrow(), first);
    }

    @Test
    void aCrashBeforeLatestIsUpdatedKeepsLatestOnThePreviousCheckpoint() {
        Checkpoint first = sample(100);
        run.writeCheckpoint(first);
        RunDirectory crashing = run.withFaults(point -> {
            if (point.equals("latest.written")) {
                throw new IOException("simulated crash");
            }
        });

        assertThatThrownBy(() -> crashing.writeCheckpoint(sample(200))).isInstanceOf(StorageException.class);

        // The new file is complete but not yet the latest; nothing was pruned.
        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000100.ckpt", "step-000000200.ckpt");
        assertBitExact(run.readLatestCheckpoint().orElseThrow(), first);
        assertBitExact(run.readCheckpoint(200), sample(200));
    }

    @Test
    void temporaryFilesLeftByARealCrashAreIgnoredAndCleanedUpByTheNextCheckpoint() throws IOException {
        run.writeCheckpoint(sample(100));
        Path leftover = run.path().resolve("checkpoints/.step-000000200.ckpt.1f2e3d.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});

        assertThat(run.readLatestCheckpoint().orElseThrow().step()).isEqualTo(100);
        assertThat(run.checkpointFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-000000100.ckpt");

        run.writeCheckpoint(sample(300));
        assertThat(leftover).doesNotExist();
    }

    @Test
    void onlyTheLastKCheckpointsAreKept() {
        RunDirectory two = run.withKeepCheckpoints(2);
        for (long step = 1; step <= 5; step++) {
            two.writeCheckpoint(sample(step));
        }

        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000004.ckpt", "step-000000005.ckpt");
        assertThat(run.readLatestCheckpoint().orElseThrow().step()).isEqualTo(5);
    }

    @Test
    void threeCheckpointsAreKeptByDefault() {
        assertThat(run.keepCheckpoints()).isEqualTo(3);
        for (long step = 10; step <= 60; step += 10) {
            run.writeCheckpoint(sample(step));
        }

        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000040.ckpt", "step-000000050.ckpt",
                "step-000000060.ckpt");
    }

    @Test
    void retentionNeverDeletesTheCheckpointJustWrittenEvenWhenStepsGoBack() {
        RunDirectory two = run.withKeepCheckpoints(2);
        two.writeCheckpoint(sample(10));
        two.writeCheckpoint(sample(20));
        two.writeCheckpoint(sample(30));

        two.writeCheckpoint(sample(5));

        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000005.ckpt", "step-000000030.ckpt");
        assertThat(run.readLatestCheckpoint().orElseThrow().step()).isEqualTo(5);
    }

    @Test
    void withoutLatestTheHighestStepIsRead() throws IOException {
        run.writeCheckpoint(sample(100));
        run.writeCheckpoint(sample(200));
        Files.delete(run.path().resolve("checkpoints/latest"));

        assertThat(run.readLatestCheckpoint().orElseThrow().step()).isEqualTo(200);
    }

    @Test
    void aFlippedByteIsDetectedAndTheFileNamed() throws IOException {
        Path file = run.writeCheckpoint(sample(100));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, 100);
            one.put(0, (byte) (one.get(0) ^ 0x10)).rewind();
            ch.write(one, 100);
        }

        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("checkpoint " + file + " is corrupt: checksum mismatch (stored ")
                .hasMessageMatching(".*\\(stored [0-9a-f]{8}, computed [0-9a-f]{8}\\)");
    }

    @Test
    void aTruncatedFileIsDetectedAndTheFileNamed() throws IOException {
        Path file = run.writeCheckpoint(sample(100));
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }

        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .isInstanceOf(StorageException.class)
                .hasMessage("checkpoint " + file + " is truncated: expected " + size + " bytes, found " + (size - 10));

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(5);
        }
        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .hasMessage("checkpoint " + file + " is truncated: 5 bytes, less than the 28-byte minimum");
    }

    @Test
    void aFileOfAnotherFormatIsRejected() throws IOException {
        Path file = run.writeCheckpoint(sample(100));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 7);
        Files.write(file, bytes);

        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .isInstanceOf(StorageException.class)
                .hasMessage("checkpoint " + file + " has format version 7; this alws reads format version 1");

        bytes[0] = 'X';
        Files.write(file, bytes);
        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .hasMessage("checkpoint " + file + " is not an alws checkpoint (bad magic number)");
    }

    @Test
    void latestNamingAMissingFileIsAnError() throws IOException {
        Path file = run.writeCheckpoint(sample(100));
        Files.delete(file);

        Path latest = run.path().resolve("checkpoints/latest");
        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .isInstanceOf(StorageException.class)
                .hasMessage(latest + " names step-000000100.ckpt, which does not exist");

        Files.writeString(latest, "../config.json\n");
        assertThatThrownBy(() -> run.readLatestCheckpoint())
                .hasMessage(latest + " is corrupt: it holds '../config.json', not a checkpoint file name");
    }

    @Test
    void aCheckpointOfTheSameStepIsReplaced() {
        run.writeCheckpoint(sample(100));
        Checkpoint again = new Checkpoint(100, Map.of("v", HostArray.scalar(9)), Map.of());

        run.writeCheckpoint(again);

        assertBitExact(run.readLatestCheckpoint().orElseThrow(), again);
        assertThat(listCheckpointDir()).containsExactly("latest", "step-000000100.ckpt");
    }

    @Test
    void theFileLayoutMatchesTheDocumentedFormat() throws IOException {
        Checkpoint c = new Checkpoint(3, Map.of("a", HostArray.ofInts(Shape.of(1), new int[] {258})),
                Map.of("k", "v"));
        Path file = run.writeCheckpoint(c);

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        b.get(magic);
        assertThat(new String(magic, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ALWSCKPT");
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getInt()).isZero();
        long payload = b.getLong();
        // step, 1 state entry (k, v), 1 variable: name "a", INT32 code, rank 1, dim 1, one int.
        assertThat(payload).isEqualTo(8 + 4 + (4 + 1) + (4 + 1) + 4 + (4 + 1) + 1 + 4 + 8 + 4);
        assertThat(b.getLong()).isEqualTo(3);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('k');
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('v');
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat((char) b.get()).isEqualTo('a');
        assertThat(b.get()).isEqualTo((byte) 3);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getLong()).isEqualTo(1);
        assertThat(b.getInt()).isEqualTo(258);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(b.array(), 0, b.position());
        assertThat(b.getInt()).isEqualTo((int) crc.getValue());
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void checkpointRecordsCopyAndValidate() {
        Map<String, String> state = new LinkedHashMap<>(Map.of("b", "2", "a", "1"));
        Checkpoint c = new Checkpoint(1, Map.of(), state);
        state.put("c", "3");

        assertThat(c.state()).containsOnlyKeys("a", "b");
        assertThat(c.state().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> new Checkpoint(-1, Map.of(), Map.of()))
                .hasMessage("checkpoint step is -1; expected >= 0");
    }

    private List<String> listCheckpointDir() {
        try (Stream<Path> files = Files.list(run.path().resolve("checkpoints"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
