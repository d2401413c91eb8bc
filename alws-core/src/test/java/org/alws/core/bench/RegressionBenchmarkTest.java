package org.alws.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.alws.api.ConfigException;
import org.alws.api.backend.TensorSpec;
import org.alws.api.regress.LinearSmoother;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run of the regression benchmark: rows, bare figures for exact KRR only, skips, preparation, plot. */
class RegressionBenchmarkTest {

    /**
     * Equal weights 1/N scaled by a host-side preparation of value 1 (a stand-in for an approximate regressor that
     * prepares on the host, such as Nyström with k-means++), counting its preparations; at most 300 sleep samples.
     */
    static final class PreparedMean implements Regressor {
        final AtomicInteger preparations = new AtomicInteger();

        @Override
        public LinearSmoother fit(Tensor inputs, RegressionContext context) {
            Tensor scale = context.prepared().orElseThrow();
            long n = inputs.dim(0);
            return queries -> context.ops().ones(Shape.of(queries.dim(0), n)).mul(scale.cast(inputs.dtype()))
                    .div(n);
        }

        @Override
        public Optional<TensorSpec> preparation(int sleepSamples, Shape exampleShape) {
            if (sleepSamples > 300) {
                throw new ConfigException("sleepSamples", sleepSamples, "at most 300");
            }
            return Optional.of(TensorSpec.of(DType.FLOAT64));
        }

        @Override
        public HostArray prepare(HostArray sleepInputs, SplittableRandom random) {
            preparations.incrementAndGet();
            return HostArray.scalar(1.0);
        }
    }

    @Test
    void aSmallRunTimesEveryRegressorAndTheBareOperationsOfExactKrr(@TempDir Path dir) throws IOException {
        Map<String, Regressor> regressors = new LinkedHashMap<>();
        regressors.put("krr", new KernelRidgeRegressor(KernelRidgeOptions.defaults(), new GaussianKernel()));
        PreparedMean mean = new PreparedMean();
        regressors.put("mean", mean);
        RegressionBenchmark.Options options = new RegressionBenchmark.Options(List.of(200, 400), 8, 10,
                List.of(DType.FLOAT32, DType.FLOAT64), 1, 3, 300);
        StringBuilder progress = new StringBuilder();

        RegressionBenchmark.Result result = RegressionBenchmark.run(new TensorFlowBackend(), regressors, options,
                line -> progress.append(line).append('\n'));

        // krr runs up to --max-exact (300), the other regressor until its preparation refuses N.
        assertThat(result.rows()).extracting(r -> r.regressor() + " " + r.n() + " " + r.dtype().label())
                .containsExactly("krr 200 float32", "mean 200 float32", "krr 200 float64", "mean 200 float64");
        for (RegressionBenchmark.Row r : result.rows()) {
            assertThat(r.dimension()).isEqualTo(8);
            assertThat(r.queries()).isEqualTo(10);
            assertThat(r.seconds()).isPositive().isFinite();
            assertThat(r.exact()).isEqualTo(r.regressor().equals("krr"));
            if (r.exact()) {
                assertThat(r.bareSeconds()).isPositive().isFinite();
                assertThat(r.bareCholeskySeconds()).isPositive().isFinite();
            } else {
                assertThat(r.bareSeconds()).isNaN();
                assertThat(r.bareCholeskySeconds()).isNaN();
            }
        }
        assertThat(result.notes()).containsExactly(
                "krr: skipped at N = 400, above the exact limit 300 (an N x N factorisation: N^2 memory, N^3 time)",
                "skipped mean at N = 400: sleepSamples: got 400, expected at most 300");
        // The preparation is part of every timed step: 2 warm-up calls and 1 repeat, per type.
        assertThat(mean.preparations.get()).isEqualTo(6);
        assertThat(progress.toString()).isEqualTo("""
                bench regression: float32 N=200 done
                bench regression: float32 N=400 done
                bench regression: float64 N=200 done
                bench regression: float64 N=400 done
                """);
        assertThat(result.backend()).startsWith("tensorflow").doesNotContain("float");

        Path png = dir.resolve("regression.png");
        RegressionBenchmark.plot(png, result.rows());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isPositive();
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test
    void badOptionsAreConfigErrors() {
        assertThatThrownBy(() -> new RegressionBenchmark.Options(List.of(200, 1), 8, 10, List.of(DType.FLOAT32), 1, 1,
                100)).isInstanceOf(ConfigException.class).hasMessage("N: got 1, expected sleep sample counts >= 2");
        assertThatThrownBy(() -> new RegressionBenchmark.Options(List.of(200), 8, 10, List.of(DType.INT32), 1, 1,
                100)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new RegressionBenchmark.Options(List.of(200), 8, 10, List.of(DType.FLOAT32), 0, 1,
                100)).isInstanceOf(ConfigException.class).hasMessage("repeats: got 0, expected an integer >= 1");
    }
}
