package org.alws.api.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/**
 * A reproducible stream of seeds derived from one root seed: split by name into independent streams per component
 * ({@code sleep}, {@code data}, {@code init/model/W}, ...), and indexed by a counter (usually the step). Every
 * random choice in a run is a pure function of (root seed, stream path, counter), so a resumed run draws exactly
 * what an uninterrupted one would have, and the "RNG state" of a checkpoint is its step.
 */
public final class SeedStream {
    private final long root;
    private final long key;
    private final String path;

    private SeedStream(long root, long key, String path) {
        this.root = root;
        this.key = key;
        this.path = path;
    }

    /** The stream of a run with this root seed. */
    public static SeedStream root(long seed) {
        return new SeedStream(seed, mix(seed ^ 0x9E3779B97F4A7C15L), "");
    }

    /** An independent child stream, e.g. {@code seeds.child("sleep")}. */
    public SeedStream child(String name) {
        long k = key;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            k = mix(k ^ (b & 0xFF));
        }
        k = mix(k ^ 0x5851F42D4C957F2DL);
        return new SeedStream(root, k, path.isEmpty() ? name : path + "/" + name);
    }

    /** The run's root seed. */
    public long rootSeed() {
        return root;
    }

    /** The slash-separated path of this stream, e.g. {@code sleep} or {@code init/model/W}. */
    public String path() {
        return path;
    }

    /** The 64-bit seed for draw number {@code counter} of this stream. */
    public long seed(long counter) {
        return mix(key + mix(counter + 0x632BE59BD9B4E019L));
    }

    /** A seed pair for the backend's stateless random operations (an INT64 tensor of shape [2]). */
    public HostArray statelessSeed(long counter) {
        long s = seed(counter);
        return HostArray.ofLongs(Shape.of(2), new long[] {s, mix(s ^ 0xD1B54A32D192ED03L) & 0x7FFFFFFFFFFFFFFFL});
    }

    /** A Java generator for draw number {@code counter}, for host-side sampling (data sets, initial values). */
    public SplittableRandom random(long counter) {
        return new SplittableRandom(seed(counter));
    }

    /** Stafford's mix13 finaliser: a bijective 64-bit mixing function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "SeedStream[root=" + root + ", path=" + path + "]";
    }
}
