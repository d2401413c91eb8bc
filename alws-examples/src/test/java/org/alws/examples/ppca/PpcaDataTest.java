package org.alws.examples.ppca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.ConfigException;
import org.alws.api.data.DataSplits;
import org.alws.api.plugin.PluginKind;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

class PpcaDataTest {
    private final PpcaDataProvider provider = new PpcaDataProvider();

    @Test
    void defaultsAndDescriptor() {
        assertThat(provider.name()).isEqualTo("ppca-synthetic");
        assertThat(provider.kind()).isEqualTo(PluginKind.DATASET);
        assertThat(provider.defaultOptions()).isEqualTo(new PpcaDataProvider.Options(10, 2, 0.5, 5000, 1000));
        assertThatThrownBy(() -> new PpcaDataProvider.Options(10, 2, 0, 5, 5)).isInstanceOf(ConfigException.class)
                .hasMessage("noiseStd: got 0.0, expected a finite number > 0");
    }

    @Test
    void splitsHaveTheRequestedShape() {
        DataSplits s = provider.load(provider.defaultOptions(), SeedStream.root(1).child("data"));
        assertThat(s.train().size()).isEqualTo(5000);
        assertThat(s.test().size()).isEqualTo(1000);
        assertThat(s.train().exampleShape()).isEqualTo(Shape.of(10));
        assertThat(s.train().all().dtype()).isEqualTo(DType.FLOAT64);
        assertThat(s.test().all().dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        PpcaDataProvider.Options o = new PpcaDataProvider.Options(4, 1, 0.2, 50, 20);
        DataSplits a = provider.load(o, SeedStream.root(3).child("data"));
        DataSplits b = provider.load(o, SeedStream.root(3).child("data"));
        DataSplits c = provider.load(o, SeedStream.root(4).child("data"));
        assertThat(a.train().all()).isEqualTo(b.train().all());
        assertThat(a.test().all()).isEqualTo(b.test().all());
        assertThat(a.train().all()).isNotEqualTo(c.train().all());
        assertThat(a.test().all()).isNotEqualTo(a.train().all().rows(0, 20));
        assertThat(PpcaDataProvider.groundTruth(o, SeedStream.root(3).child("data")).w())
                .containsExactly(PpcaDataProvider.groundTruth(o, SeedStream.root(3).child("data")).w());
        assertThat(PpcaDataProvider.groundTruth(o, SeedStream.root(3).child("data")).w())
                .isNotEqualTo(PpcaDataProvider.groundTruth(o, SeedStream.root(4).child("data")).w());
    }

    @Test
    void theGroundTruthHasTheRequestedNoise() {
        PpcaDataProvider.Options o = new PpcaDataProvider.Options(7, 3, 0.25, 10, 10);
        PpcaParameters truth = PpcaDataProvider.groundTruth(o, SeedStream.root(5));
        assertThat(truth.latent()).isEqualTo(3);
        assertThat(truth.dim()).isEqualTo(7);
        assertThat(Math.exp(truth.logSigma())).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-15));
    }
}
