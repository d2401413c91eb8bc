package org.alws.core.train;

import java.util.SplittableRandom;
import org.alws.api.ConfigException;
import org.alws.api.data.Dataset;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;

/**
 * The minibatch order: epoch e visits the training set in a random permutation drawn from
 * {@code seeds.seed(e)}, in consecutive batches of M (the last partial batch of an epoch is skipped). The batch of
 * step t is therefore a pure function of t, which is what makes resumption exact.
 */
public final class Batches {
    private final Dataset data;
    private final int batchSize;
    private final SeedStream seeds;
    private final int perEpoch;
    private long cachedEpoch = -1;
    private int[] permutation;

    public Batches(Dataset data, int batchSize, SeedStream seeds) {
        if (batchSize > data.size()) {
            throw new ConfigException("training.batchSize", batchSize,
                    "at most the " + data.size() + " training examples");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seeds = seeds;
        this.perEpoch = data.size() / batchSize;
    }

    /** Steps per pass over the data. */
    public int stepsPerEpoch() {
        return perEpoch;
    }

    public long epochOf(long step) {
        return step / perEpoch;
    }

    /** The examples of step {@code step}. */
    public synchronized HostArray batch(long step) {
        long epoch = epochOf(step);
        if (epoch != cachedEpoch) {
            permutation = permutation(data.size(), seeds.random(epoch));
            cachedEpoch = epoch;
        }
        int offset = (int) (step % perEpoch) * batchSize;
        int[] idx = new int[batchSize];
        System.arraycopy(permutation, offset, idx, 0, batchSize);
        return data.examples(idx);
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
