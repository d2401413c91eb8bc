package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.alws.api.data.DataSplits;
import org.alws.api.data.Dataset;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.junit.jupiter.api.Test;

/**
 * The contract every data set plugin passes: the same seed gives bit-identical data, both splits are non-empty with
 * one example shape, every value is finite, and {@link Dataset#examples(int[])} agrees with {@link Dataset#all()}.
 * No backend is needed.
 *
 * <p><b>How to use.</b> Put {@code org.alws:alws-api} with {@code <type>test-jar</type>}, JUnit Jupiter and AssertJ
 * on your test class path with test scope, and write {@code class MyDatasetContractTest extends DatasetContract {
 * protected DataSplits load(SeedStream seeds) { return new MyDatasetProvider().load(options, seeds); } }}, with
 * options that keep the data small (files that tests can rely on, or a small synthetic size). Override
 * {@link #seed()} to test another root seed; a check can be switched off by overriding its method with
 * {@code @Disabled("reason")}.
 */
public abstract class DatasetContract {

    /** Loads or generates the data with the given stream (the run's {@code data} stream). */
    protected abstract DataSplits load(SeedStream seeds);

    /** The root seed the data stream is derived from. */
    protected long seed() {
        return 7L;
    }

    private DataSplits loadOnce() {
        return load(SeedStream.root(seed()).child("data"));
    }

    @Test
    public void theSameSeedGivesBitIdenticalData() {
        DataSplits a = loadOnce();
        DataSplits b = loadOnce();
        assertThat(b.train().size()).as("train size").isEqualTo(a.train().size());
        assertThat(b.test().size()).as("test size").isEqualTo(a.test().size());
        assertThat(b.train().all()).as("train data of a second load").isEqualTo(a.train().all());
        assertThat(b.test().all()).as("test data of a second load").isEqualTo(a.test().all());
    }

    @Test
    public void bothSplitsAreNonEmptyWithOneExampleShape() {
        DataSplits d = loadOnce();
        assertThat(d.train().size()).as("train size").isPositive();
        assertThat(d.test().size()).as("test size").isPositive();
        assertThat(d.test().exampleShape()).as("example shapes").isEqualTo(d.train().exampleShape());
        for (Dataset s : new Dataset[] {d.train(), d.test()}) {
            HostArray all = s.all();
            assertThat(all.shape()).as("shape of all()").isEqualTo(s.exampleShape().prepend(s.size()));
            assertThat(all.dtype().isFloating()).as("floating data, got %s", all.dtype()).isTrue();
        }
    }

    @Test
    public void everyValueIsFinite() {
        DataSplits d = loadOnce();
        assertThat(d.train().all().allFinite()).as("finite train data").isTrue();
        assertThat(d.test().all().allFinite()).as("finite test data").isTrue();
    }

    @Test
    public void examplesAgreeWithAll() {
        DataSplits d = loadOnce();
        for (Dataset s : new Dataset[] {d.train(), d.test()}) {
            int n = s.size();
            int[] indices = {n - 1, 0, n / 2, 0, n - 1};
            HostArray all = s.all();
            HostArray picked = s.examples(indices);
            assertThat(picked.shape()).as("shape of examples(indices)")
                    .isEqualTo(s.exampleShape().prepend(indices.length));
            for (int i = 0; i < indices.length; i++) {
                assertThat(picked.rows(i, i + 1)).as("example %d (index %d)", i, indices[i])
                        .isEqualTo(all.rows(indices[i], indices[i] + 1));
            }
        }
    }
}
