package org.alws.examples.ppca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.NumericalException;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

class PpcaSolutionTest {

    private static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    @Test
    void theMaximumLikelihoodBeatsPerturbationsAndTheTruthOnTheSameData() {
        PpcaDataProvider.Options o = new PpcaDataProvider().defaultOptions();
        SeedStream seeds = SeedStream.root(21).child("data");
        HostArray train = new PpcaDataProvider().load(o, seeds).train().all();
        PpcaSolution mle = PpcaSolution.fit(train, 2);
        double best = mle.logLikelihoodPerPoint(train);
        PpcaParameters truth = PpcaDataProvider.groundTruth(o, seeds);
        assertThat(best).isGreaterThan(truth.meanLogLikelihood(train));
        PpcaParameters p = mle.parameters();
        SplittableRandom random = new SplittableRandom(8);
        for (int trial = 0; trial < 60; trial++) {
            double scale = trial < 30 ? 1e-3 : 3e-2;
            double[] w = p.w();
            double[] mu = p.mu();
            for (int i = 0; i < w.length; i++) {
                w[i] += scale * random.nextGaussian();
            }
            for (int i = 0; i < mu.length; i++) {
                mu[i] += scale * random.nextGaussian();
            }
            double logSigma = p.logSigma() + scale * random.nextGaussian();
            double perturbed = new PpcaParameters(2, 10, w, mu, logSigma).meanLogLikelihood(train);
            assertThat(perturbed).as("trial %d", trial).isLessThan(best);
        }
        // Rotating W within the latent space leaves the likelihood unchanged.
        double angle = 0.7;
        double[] w = p.w();
        double[] rotated = new double[w.length];
        for (int j = 0; j < 10; j++) {
            rotated[j] = Math.cos(angle) * w[j] - Math.sin(angle) * w[10 + j];
            rotated[10 + j] = Math.sin(angle) * w[j] + Math.cos(angle) * w[10 + j];
        }
        assertThat(new PpcaParameters(2, 10, rotated, p.mu(), p.logSigma()).meanLogLikelihood(train))
                .isCloseTo(best, within(1e-12));
    }

    @Test
    void theExactScoreVanishesAtTheMaximumLikelihood() {
        PpcaDataProvider.Options o = new PpcaDataProvider.Options(6, 2, 0.3, 3000, 1);
        HostArray train = new PpcaDataProvider().load(o, SeedStream.root(4)).train().all();
        PpcaSolution mle = PpcaSolution.fit(train, 2);
        Map<String, HostArray> score = new PpcaModel(6, 2, 0).score(train, mle.parameters().toMap());
        for (Map.Entry<String, HostArray> e : score.entrySet()) {
            double[] g = e.getValue().doubles();
            int per = g.length / 3000;
            double[] mean = new double[per];
            double typical = 0;
            for (int r = 0; r < 3000; r++) {
                double norm = 0;
                for (int i = 0; i < per; i++) {
                    mean[i] += g[r * per + i] / 3000;
                    norm += g[r * per + i] * g[r * per + i];
                }
                typical += Math.sqrt(norm) / 3000;
            }
            assertThat(frobenius(mean)).as("mean score for %s", e.getKey()).isLessThan(1e-10 * typical);
        }
    }

    @Test
    void theSolutionHasTheSampleEigenstructure() {
        // C = WᵀW + σ²I must keep the top-k eigenpairs of S and replace the others by σ².
        PpcaDataProvider.Options o = new PpcaDataProvider.Options(5, 2, 0.4, 500, 1);
        HostArray x = new PpcaDataProvider().load(o, SeedStream.root(6)).train().all();
        PpcaSolution mle = PpcaSolution.fit(x, 2);
        double[] lambda = mle.eigenvalues();
        assertThat(mle.noiseVariance()).isCloseTo((lambda[2] + lambda[3] + lambda[4]) / 3, within(1e-14));
        double[] c = mle.parameters().covariance();
        double[] mean = new double[5];
        double[] s = new double[25];
        for (int r = 0; r < 500; r++) {
            for (int i = 0; i < 5; i++) {
                mean[i] += x.get(r * 5 + i) / 500;
            }
        }
        for (int r = 0; r < 500; r++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    s[i * 5 + j] += (x.get(r * 5 + i) - mean[i]) * (x.get(r * 5 + j) - mean[j]) / 500;
                }
            }
        }
        assertThat(mle.parameters().mu()).containsExactly(mean, within(1e-12));
        LinearAlgebra.Eigen e = LinearAlgebra.symmetricEigen(s, 5);
        for (int j = 0; j < 5; j++) {
            double[] u = e.vector(j);
            double expected = j < 2 ? e.values()[j] : mle.noiseVariance();
            for (int i = 0; i < 5; i++) {
                double cu = 0;
                for (int k = 0; k < 5; k++) {
                    cu += c[i * 5 + k] * u[k];
                }
                assertThat(cu).isCloseTo(expected * u[i], within(1e-12));
            }
        }
    }

    @Test
    void onALargeSampleItRecoversTheGenerator() {
        PpcaDataProvider.Options o = new PpcaDataProvider.Options(10, 2, 0.5, 200_000, 1);
        SeedStream seeds = SeedStream.root(2024);
        HostArray train = new PpcaDataProvider().load(o, seeds).train().all();
        PpcaParameters truth = PpcaDataProvider.groundTruth(o, seeds);
        PpcaSolution mle = PpcaSolution.fit(train, 2);
        assertThat(mle.noiseVariance() / truth.noiseVariance()).isCloseTo(1.0, within(0.01));
        double[] gramTruth = truth.gram();
        double[] gramMle = mle.parameters().gram();
        assertThat(frobenius(minus(gramMle, gramTruth)) / frobenius(gramTruth)).isLessThan(0.02);
        double[] muTruth = truth.mu();
        assertThat(frobenius(minus(mle.parameters().mu(), muTruth))).isLessThan(0.05);
    }

    @Test
    void rejectsDataItCannotFit() {
        assertThatThrownBy(() -> PpcaSolution.fit(HostArray.of(Shape.of(4, 3), new double[12]), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latent: got 3, expected an integer in [1, 2] for data of dimension 3");
        assertThatThrownBy(() -> PpcaSolution.fit(HostArray.of(Shape.of(1, 3), new double[3]), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("data: got 1 rows, expected at least 2");
        // Rank-one data: nothing is left for the noise.
        double[] x = new double[12];
        for (int r = 0; r < 4; r++) {
            x[r * 3] = r;
            x[r * 3 + 1] = 2 * r;
            x[r * 3 + 2] = -r;
        }
        assertThatThrownBy(() -> PpcaSolution.fit(HostArray.of(Shape.of(4, 3), x), 2))
                .isInstanceOf(NumericalException.class).hasMessageContaining("expected > 0");
    }
}
