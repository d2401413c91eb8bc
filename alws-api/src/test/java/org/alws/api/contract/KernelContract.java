package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Kernel;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Kernel} plugin passes, run on the highest-priority available backend in float64, at
 * bandwidths 0.5, 1.3 and 4 on random points in R³: {@code gram(x, y)} is a finite [N, M] matrix of the inputs'
 * type; {@code gram(y, x) = gram(x, y)ᵀ}; {@code gram(x, x)} is symmetric and positive semi-definite (its smallest
 * eigenvalue, by a Jacobi eigen-decomposition in Java, is at least −1e-9 times its largest, and every entry obeys
 * |k(x, y)| ≤ √(k(x, x) k(y, y))); a kernel whose {@link Kernel#usesBandwidth() bandwidth is a length scale} gives
 * {@code gram(c x, c y, c σ) = gram(x, y, σ)}; a {@link #stationary() stationary} kernel has the constant k(0) on
 * the diagonal and ignores a common translation of both inputs; a {@link #decreasesWithDistance() Gaussian-like}
 * kernel is strictly smaller for farther points along a ray; and a kernel that offers
 * {@link Kernel#spectralFrequencies spectral frequencies} draws them of shape [D, count] as a pure function of the
 * seed, with random-Fourier-feature estimates k(0) · mean_j cos(ω_j·(x − y)/σ) that approach the Gram matrix
 * (Bochner's theorem) within {@link #spectralTolerance()}. Each declaration is itself checked: a kernel declared
 * non-stationary must move under a translation, one declared not to decrease with distance must fail to on some
 * ray, one that ignores the bandwidth must give the same Gram at every bandwidth.
 *
 * <p><b>How to use.</b> Put {@code org.alws:alws-api} with {@code <type>test-jar</type>}, JUnit Jupiter, AssertJ
 * and a backend (e.g. {@code org.alws:alws-tensorflow}) on your test class path, each with test scope, and write
 * {@code class MyKernelContractTest extends KernelContract { protected Kernel kernel() { return new
 * MyKernel(options); } }}. Override {@link #stationary()} (default true) for a kernel that is not shift-invariant,
 * {@link #decreasesWithDistance()} (default true) for one that is not monotone in the distance (periodic, spectral
 * mixture, linear), {@link #offersSpectralFrequencies()} (default: stationary) for a stationary kernel without a
 * spectral sampler, and {@link #spectralFeatures()} or {@link #spectralTolerance()} to trade the random-feature
 * check's cost against its precision. A check can be switched off by overriding its method with
 * {@code @Disabled("reason")}.
 */
public abstract class KernelContract {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final double[] BANDWIDTHS = {0.5, 1.3, 4.0};
    private static final int D = 3;
    private Workspace workspace;
    private Kernel kernel;
    private String gramName;

    /** The kernel under test. Called once per test. */
    protected abstract Kernel kernel();

    /** True if k(x, y) depends on x − y only (default true): then the diagonal is constant and shifts do nothing. */
    protected boolean stationary() {
        return true;
    }

    /**
     * True if k(a, a + t u) strictly decreases in t ≥ 0 for every point a and direction u (default true: Gaussian,
     * Laplace, Matérn, rational quadratic). Return false for periodic, linear or polynomial kernels.
     */
    protected boolean decreasesWithDistance() {
        return true;
    }

    /**
     * True if the kernel offers {@link Kernel#spectralFrequencies spectral frequencies} (default: if it is
     * {@link #stationary()}, since by Bochner's theorem only shift-invariant kernels have a spectral density).
     */
    protected boolean offersSpectralFrequencies() {
        return stationary();
    }

    /** Number of random Fourier features in the spectral check. */
    protected int spectralFeatures() {
        return 50_000;
    }

    /**
     * The largest accepted |random-feature estimate − gram| over the 60 entries of the spectral check. Each estimate
     * is a mean of {@link #spectralFeatures()} terms of variance at most 1, so its standard deviation is at most
     * 1/√count (0.0045 at the default count): the default 0.02 is more than four of them.
     */
    protected double spectralTolerance() {
        return 0.02;
    }

    /** The root seed of the test points and of the spectral frequencies. */
    protected long seed() {
        return 20_200_211L;
    }

    @BeforeEach
    public void openContractWorkspace() {
        kernel = kernel();
        workspace = ContractBackend.openFloat64();
        gramName = "contract/gram" + NAMES.incrementAndGet();
    }

    @AfterEach
    public void closeContractWorkspace() {
        if (workspace != null) {
            workspace.close();
        }
    }

    /** {@code gram(x, y, bandwidth)} on the backend ({@link Workspace#compile} adds a signature per shape). */
    private HostArray gram(HostArray x, HostArray y, double bandwidth) {
        CompiledFunction f = workspace.compile(gramName, List.of(TensorSpec.of(x), TensorSpec.of(y),
                TensorSpec.of(DType.FLOAT64)), (ops, in) -> List.of(kernel.gram(in.get(0), in.get(1), in.get(2))));
        List<DeviceArray> out = f.call(x, y, HostArray.scalar(bandwidth));
        HostArray g = out.get(0).toHost();
        out.forEach(DeviceArray::close);
        return g;
    }

    /** {@code n} points in R³ with coordinates uniform on [−2, 2). */
    private HostArray points(long stream, int n) {
        SplittableRandom r = SeedStream.root(seed()).child("contract").random(stream);
        double[] v = new double[n * D];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-2, 2);
        }
        return HostArray.of(Shape.of(n, D), v);
    }

    private static HostArray map(HostArray x, double scale, double[] shift) {
        double[] v = x.doubles().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * scale + shift[i % shift.length];
        }
        return HostArray.of(x.shape(), v);
    }

    @Test
    public void gramHasOneFiniteEntryPerPairOfRows() {
        HostArray x = points(0, 7);
        HostArray y = points(1, 5);
        for (double sigma : BANDWIDTHS) {
            for (HostArray[] pair : new HostArray[][] {{x, y}, {y, x}, {x, x}}) {
                HostArray g = gram(pair[0], pair[1], sigma);
                String what = "gram of [" + pair[0].shape().dim(0) + ", 3] and [" + pair[1].shape().dim(0)
                        + ", 3] points at bandwidth " + sigma;
                assertThat(g.shape()).as("shape of the " + what)
                        .isEqualTo(Shape.of(pair[0].shape().dim(0), pair[1].shape().dim(0)));
                assertThat(g.dtype()).as("type of the " + what).isEqualTo(DType.FLOAT64);
                assertThat(g.allFinite()).as("finite " + what + ": " + g).isTrue();
            }
        }
    }

    @Test
    public void gramOfYAndXIsTheTransposeOfGramOfXAndY() {
        HostArray x = points(2, 7);
        HostArray y = points(3, 5);
        for (double sigma : BANDWIDTHS) {
            double[] xy = gram(x, y, sigma).doubles();
            double[] yx = gram(y, x, sigma).doubles();
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j < 5; j++) {
                    double a = xy[i * 5 + j];
                    double b = yx[j * 7 + i];
                    if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)))) {
                        fail("bandwidth " + sigma + ": k(x_" + i + ", y_" + j + ") = " + a + " but k(y_" + j + ", x_"
                                + i + ") = " + b);
                    }
                }
            }
        }
    }

    @Test
    public void gramOfXWithItselfIsSymmetricPositiveSemiDefinite() {
        // 25 points, among them an exact duplicate and a near-duplicate: the hardest case for round-off.
        double[] v = points(4, 25).doubles().clone();
        System.arraycopy(v, 0, v, 3 * D, D);
        for (int c = 0; c < D; c++) {
            v[7 * D + c] = v[D + c] + 1e-9;
        }
        HostArray x = HostArray.of(Shape.of(25, D), v);
        for (double sigma : BANDWIDTHS) {
            double[] k = gram(x, x, sigma).doubles();
            int n = 25;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double a = k[i * n + j];
                    double b = k[j * n + i];
                    if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)))) {
                        fail("bandwidth " + sigma + ": gram(x, x) is not symmetric: entry (" + i + ", " + j + ") is "
                                + a + ", entry (" + j + ", " + i + ") is " + b);
                    }
                    if (!(Math.abs(a) <= Math.sqrt(k[i * n + i] * k[j * n + j]) * (1 + 1e-12))) {
                        fail("bandwidth " + sigma + ": |k(x_" + i + ", x_" + j + ")| = " + Math.abs(a)
                                + " exceeds sqrt(k(x_i, x_i) k(x_j, x_j)) = " + Math.sqrt(k[i * n + i] * k[j * n + j])
                                + ", impossible for a positive semi-definite kernel");
                    }
                }
            }
            double[] eigen = symmetricEigenvalues(k, n);
            double largest = eigen[n - 1];
            assertThat(largest).as("largest eigenvalue of gram(x, x) at bandwidth %s", sigma).isPositive();
            assertThat(eigen[0]).as("smallest eigenvalue of gram(x, x) at bandwidth %s (largest %s)", sigma, largest)
                    .isGreaterThanOrEqualTo(-1e-9 * largest);
        }
    }

    @Test
    public void theBandwidthIsALengthScale() {
        HostArray x = points(5, 7);
        HostArray y = points(6, 5);
        if (!kernel.usesBandwidth()) {
            assertThat(gram(x, y, 0.5)).as("gram at bandwidths 0.5 and 4 of a kernel whose usesBandwidth() is false")
                    .isEqualTo(gram(x, y, 4.0));
            return;
        }
        double c = 2.5;
        for (double sigma : BANDWIDTHS) {
            double[] base = gram(x, y, sigma).doubles();
            double[] scaled = gram(map(x, c, new double[] {0}), map(y, c, new double[] {0}), c * sigma).doubles();
            for (int i = 0; i < base.length; i++) {
                assertThat(scaled[i]).as("gram(%s x, %s y, %s σ) vs gram(x, y, σ) at σ = %s, entry %d", c, c, c,
                        sigma, i).isCloseTo(base[i], within(1e-10));
            }
        }
    }

    @Test
    public void stationaryKernelsHaveAConstantDiagonalAndIgnoreTranslations() {
        HostArray x = points(7, 7);
        HostArray y = points(8, 5);
        double[] shift = {5, -3, 2};
        if (!stationary()) {
            double[] base = gram(x, y, 1.3).doubles();
            double[] moved = gram(map(x, 1, shift), map(y, 1, shift), 1.3).doubles();
            assertThat(moved).as("gram(x + c, y + c) of a kernel declared non-stationary (stationary() is false)")
                    .isNotEqualTo(base);
            return;
        }
        for (double sigma : BANDWIDTHS) {
            double k0 = gram(HostArray.of(Shape.of(1, D), new double[D]), HostArray.of(Shape.of(1, D), new double[D]),
                    sigma).scalarValue();
            assertThat(k0).as("k(0) at bandwidth %s", sigma).isPositive();
            double[] kxx = gram(x, x, sigma).doubles();
            for (int i = 0; i < 7; i++) {
                assertThat(kxx[i * 7 + i]).as("k(x_%d, x_%d) at bandwidth %s vs k(0)", i, i, sigma)
                        .isCloseTo(k0, within(1e-12 * k0));
            }
            double[] base = gram(x, y, sigma).doubles();
            double[] moved = gram(map(x, 1, shift), map(y, 1, shift), sigma).doubles();
            for (int i = 0; i < base.length; i++) {
                assertThat(moved[i]).as("gram(x + c, y + c) vs gram(x, y) at bandwidth %s, entry %d", sigma, i)
                        .isCloseTo(base[i], within(1e-10 * k0));
            }
        }
    }

    @Test
    public void fartherPointsAreLessSimilar() {
        double[] a = {0.3, -0.8, 1.1};
        double[] u = {2 / 3.0, -1 / 3.0, 2 / 3.0};
        double[] t = {0, 0.05, 0.2, 0.5, 1, 1.5, 2.5, 4};
        for (double sigma : BANDWIDTHS) {
            double[] ray = new double[t.length * D];
            for (int j = 0; j < t.length; j++) {
                for (int c = 0; c < D; c++) {
                    ray[j * D + c] = a[c] + t[j] * sigma * u[c];
                }
            }
            double[] k = gram(HostArray.of(Shape.of(1, D), a), HostArray.of(Shape.of(t.length, D), ray), sigma)
                    .doubles();
            if (!decreasesWithDistance()) {
                boolean monotone = true;
                for (int j = 1; j < t.length; j++) {
                    monotone &= k[j] < k[j - 1];
                }
                assertThat(monotone).as("k(a, a + t σ u) strictly decreasing in t at bandwidth %s, for a kernel "
                        + "declared not to decrease with distance (decreasesWithDistance() is false)", sigma).isFalse();
                continue;
            }
            for (int j = 1; j < t.length; j++) {
                assertThat(k[j]).as("k(a, a + %s σ u) vs k(a, a + %s σ u) at bandwidth %s", t[j], t[j - 1], sigma)
                        .isLessThan(k[j - 1]);
            }
        }
    }

    @Test
    public void randomFourierFeaturesApproachTheGram() {
        int count = spectralFeatures();
        AtomicBoolean offered = new AtomicBoolean();
        List<Shape> shapes = new ArrayList<>();
        HostArray x = points(9, 12);
        HostArray y = points(10, 5);
        CompiledFunction f = workspace.compile("contract/spectral" + NAMES.incrementAndGet(), List.of(TensorSpec.of(x),
                TensorSpec.of(y), TensorSpec.of(DType.FLOAT64), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    var omega = kernel.spectralFrequencies(ops, D, count, in.get(3));
                    if (omega.isEmpty()) {
                        return List.of(ops.scalar(0.0));
                    }
                    offered.set(true);
                    Tensor w = omega.get().cast(DType.FLOAT64);
                    shapes.add(omega.get().shape());
                    Tensor px = in.get(0).matmul(w).div(in.get(2));
                    Tensor py = in.get(1).matmul(w).div(in.get(2));
                    Tensor estimate = px.cos().matmul(py.cos(), false, true)
                            .add(px.sin().matmul(py.sin(), false, true)).div(count);
                    return List.of(estimate, omega.get().cast(DType.FLOAT64));
                });
        assertThat(offered.get()).as("the kernel offers spectral frequencies (offersSpectralFrequencies() is %s)",
                offersSpectralFrequencies()).isEqualTo(offersSpectralFrequencies());
        if (!offered.get()) {
            return;
        }
        assertThat(shapes.get(0)).as("shape of the spectral frequencies").isEqualTo(Shape.of(D, count));
        SeedStream seeds = SeedStream.root(seed()).child("spectral");
        HostArray[] first = call(f, x, y, 1.7, seeds.statelessSeed(0));
        HostArray[] again = call(f, x, y, 1.7, seeds.statelessSeed(0));
        HostArray[] other = call(f, x, y, 1.7, seeds.statelessSeed(1));
        assertThat(first[1].allFinite()).as("finite spectral frequencies").isTrue();
        assertThat(again[1]).as("frequencies drawn again with the same seed").isEqualTo(first[1]);
        assertThat(other[1]).as("frequencies drawn with another seed").isNotEqualTo(first[1]);
        for (double sigma : new double[] {0.6, 1.7}) {
            HostArray[] est = call(f, x, y, sigma, seeds.statelessSeed(2));
            double k0 = gram(HostArray.of(Shape.of(1, D), new double[D]), HostArray.of(Shape.of(1, D), new double[D]),
                    sigma).scalarValue();
            double[] exact = gram(x, y, sigma).doubles();
            double[] approx = est[0].doubles();
            double worst = 0;
            int at = -1;
            for (int i = 0; i < exact.length; i++) {
                double e = Math.abs(k0 * approx[i] - exact[i]);
                if (!(e <= worst)) {
                    worst = e;
                    at = i;
                }
            }
            assertThat(worst).as("largest |k(0) mean_j cos(ω_j·(x − y)/σ) − k(x, y)| with %d features at bandwidth %s"
                    + " (entry %d: estimate %s, gram %s)", count, sigma, at, at < 0 ? 0 : k0 * approx[at],
                    at < 0 ? 0 : exact[at]).isLessThanOrEqualTo(spectralTolerance());
        }
    }

    private static HostArray[] call(CompiledFunction f, HostArray x, HostArray y, double sigma, HostArray seed) {
        List<DeviceArray> out = f.call(x, y, HostArray.scalar(sigma), seed);
        HostArray[] h = {out.get(0).toHost(), out.get(1).toHost()};
        out.forEach(DeviceArray::close);
        return h;
    }

    /** Eigenvalues of a symmetric n×n matrix (row-major), ascending, by cyclic Jacobi rotations. */
    static double[] symmetricEigenvalues(double[] matrix, int n) {
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += a[i * n + j] * a[i * n + j];
                    if (i != j) {
                        off += a[i * n + j] * a[i * n + j];
                    }
                }
            }
            if (off <= 1e-30 * total) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] eigen = new double[n];
        for (int i = 0; i < n; i++) {
            eigen[i] = a[i * n + i];
        }
        java.util.Arrays.sort(eigen);
        return eigen;
    }
}
