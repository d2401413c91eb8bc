package org.alws.core.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.alws.api.ConfigException;
import org.alws.api.backend.Backend;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.RegressionContext;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.Value;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.plot.Plots;
import org.alws.core.regress.KernelRidgeRegressor;

/**
 * Times one regression step of each regressor: a compiled function {@code regressor.fit(x, context).weights(x*)}
 * on N sleep inputs x ~ N(0, I) of dimension D and M queries (plus, for a regressor that asks for one, its host-side
 * preparation, as ALWS runs it every step). For exact kernel ridge regression it also times, in the same process,
 * the bare backend operations of the same size: the Gaussian Gram matrix in matmul form with a single
 * {@code cholesky} and two triangular solves against the N × M cross-kernel, and the bare {@code cholesky} of an
 * N × N matrix alone. Every figure is the median of the repeats after two warm-up calls; outputs are closed, not
 * copied.
 */
public final class RegressionBenchmark {
    /** Ridge of the bare operations (the cost does not depend on it; it keeps the factorisation well defined). */
    private static final double BARE_RIDGE = 1.0;

    private RegressionBenchmark() {
    }

    /**
     * What to run.
     *
     * @param sizes sleep-sample counts N, each at least 2
     * @param dimension input dimension D
     * @param queries query count M
     * @param dtypes floating types, each in its own workspace
     * @param repeats timed calls per figure (after two warm-up calls)
     * @param seed seed of the inputs, the queries and the regressors' random choices
     * @param maxExact the largest N at which exact kernel ridge regression (and its bare operations) is run; larger
     *     N are skipped with a note, since an N × N factorisation grows as N² in memory and N³ in time
     */
    public record Options(List<Integer> sizes, int dimension, int queries, List<DType> dtypes, int repeats,
            long seed, int maxExact) {
        public Options {
            sizes = List.copyOf(sizes);
            dtypes = List.copyOf(dtypes);
            if (sizes.isEmpty()) {
                throw new ConfigException("sizes", sizes, "at least one N");
            }
            for (int n : sizes) {
                if (n < 2) {
                    throw new ConfigException("N", n, "sleep sample counts >= 2");
                }
            }
            if (dimension < 1) {
                throw new ConfigException("dimension", dimension, "an integer >= 1");
            }
            if (queries < 1) {
                throw new ConfigException("queries", queries, "an integer >= 1");
            }
            if (dtypes.isEmpty() || dtypes.stream().anyMatch(t -> !t.isFloating())) {
                throw new ConfigException("dtypes", dtypes, "float32 and/or float64");
            }
            if (repeats < 1) {
                throw new ConfigException("repeats", repeats, "an integer >= 1");
            }
            if (maxExact < 2) {
                throw new ConfigException("maxExact", maxExact, "an integer >= 2");
            }
        }
    }

    /**
     * One timed regression step.
     *
     * @param regressor the regressor's name
     * @param exact true for exact kernel ridge regression, which has the bare figures
     * @param seconds median seconds of one regression step
     * @param bareSeconds Gram + {@code cholesky} + two triangular solves of the same size; NaN unless exact
     * @param bareCholeskySeconds the bare {@code cholesky} alone; NaN unless exact
     */
    public record Row(String regressor, int n, int dimension, int queries, DType dtype, boolean exact,
            double seconds, double bareSeconds, double bareCholeskySeconds) {
        /** The regression step over the bare operations; NaN unless exact. */
        public double overBare() {
            return seconds / bareSeconds;
        }
    }

    /**
     * The rows, in the order run (dtype, then N, then regressor), notes on what was skipped, and the backend's
     * description.
     */
    public record Result(List<Row> rows, List<String> notes, String backend) {
        public Result {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param regressors the regressors by name, timed in this order
     * @param progress receives one line per finished size and type (e.g. for standard error)
     */
    public static Result run(Backend backend, Map<String, Regressor> regressors, Options options,
            Consumer<String> progress) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(progress, "progress");
        Map<String, Regressor> named = new LinkedHashMap<>(regressors);
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Integer> tooLarge = options.sizes().stream().filter(n -> n > options.maxExact()).toList();
        for (Map.Entry<String, Regressor> e : named.entrySet()) {
            if (isExact(e.getValue()) && !tooLarge.isEmpty()) {
                notes.add(e.getKey() + ": skipped at N = " + tooLarge.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")) + ", above the exact limit "
                        + options.maxExact() + " (an N x N factorisation: N^2 memory, N^3 time)");
            }
        }
        SeedStream seeds = SeedStream.root(options.seed()).child("bench").child("regression");
        String description = null;
        for (DType dtype : options.dtypes()) {
            try (Workspace ws = backend.open(WorkspaceOptions.defaults().withFloatType(dtype))) {
                if (description == null) {
                    // The table has a type column: leave the workspace's type out of the description.
                    description = ws.description().replace(", " + dtype.label(), "");
                }
                for (int n : options.sizes()) {
                    runSize(ws, named, options, dtype, n, seeds, rows, notes);
                    progress.accept("bench regression: " + dtype.label() + " N=" + n + " done");
                }
            }
        }
        return new Result(rows, notes, description);
    }

    /** True for a regressor that factorises the N × N kernel matrix. */
    static boolean isExact(Regressor r) {
        return r instanceof KernelRidgeRegressor;
    }

    private static void runSize(Workspace ws, Map<String, Regressor> regressors, Options options, DType dtype, int n,
            SeedStream seeds, List<Row> rows, List<String> notes) {
        int d = options.dimension();
        int m = options.queries();
        DeviceArray x = normal(ws, n, d, seeds.child("x").statelessSeed(n));
        DeviceArray q = normal(ws, m, d, seeds.child("queries").statelessSeed(n));
        try {
            double bare = Double.NaN;
            double bareCholesky = Double.NaN;
            boolean anyExact = regressors.values().stream().anyMatch(RegressionBenchmark::isExact);
            if (anyExact && n <= options.maxExact()) {
                double[] b = bare(ws, x, q, options.repeats());
                bare = b[0];
                bareCholesky = b[1];
            }
            for (Map.Entry<String, Regressor> e : regressors.entrySet()) {
                boolean exact = isExact(e.getValue());
                if (exact && n > options.maxExact()) {
                    continue;
                }
                double t;
                try {
                    t = step(ws, e.getKey(), e.getValue(), x, q, seeds.child(e.getKey()), options.repeats());
                } catch (ConfigException c) {
                    // An option that does not suit this N (e.g. more inducing points than sleep samples).
                    String note = "skipped " + e.getKey() + " at N = " + n + ": " + c.getMessage();
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                    continue;
                }
                rows.add(new Row(e.getKey(), n, d, m, dtype, exact, t, exact ? bare : Double.NaN,
                        exact ? bareCholesky : Double.NaN));
            }
        } finally {
            q.close();
            x.close();
        }
    }

    /** Rows x cols standard normal draws of the workspace's type, made on the backend from a stateless seed. */
    private static DeviceArray normal(Workspace ws, int rows, int cols, HostArray seed) {
        // A compiled function is keyed by its name and input signature: one per output shape.
        CompiledFunction f = ws.compile("bench/regression/normal/" + rows + "x" + cols,
                List.of(TensorSpec.of(DType.INT64, 2)),
                (ops, in) -> List.of(ops.randomNormal(Shape.of(rows, cols), ops.floatType(), in.get(0))));
        return f.call(seed).get(0);
    }

    /** Median seconds of one regression step: the preparation (if any), the fit and the weights at the queries. */
    private static double step(Workspace ws, String name, Regressor regressor, DeviceArray x, DeviceArray q,
            SeedStream seeds, int repeats) {
        int n = Math.toIntExact(x.shape().dim(0));
        Shape example = Shape.of(x.shape().dim(1));
        Optional<TensorSpec> preparation = regressor.preparation(n, example);
        List<TensorSpec> inputs = new ArrayList<>(List.of(TensorSpec.of(x), TensorSpec.of(q)));
        preparation.ifPresent(inputs::add);
        Parameters hyper = new Parameters(ws, seeds.child("hyper"), "bench/" + name + "/");
        HostArray seed = seeds.statelessSeed(0);
        CompiledFunction f = ws.compile("bench/regression/" + name, inputs, (ops, in) -> {
            Tensor prepared = preparation.isPresent() ? in.get(2) : null;
            RegressionContext context = context(ops, ops.constant(seed), hyper, prepared);
            return List.of(regressor.fit(in.get(0), context).weights(in.get(1)));
        });
        Supplier<List<DeviceArray>> call;
        if (preparation.isPresent()) {
            SplittableRandom random = seeds.random(0);
            call = () -> {
                HostArray host = x.toHost();
                HostArray p = regressor.prepare(host, random.split());
                return f.call(x, q, p);
            };
        } else {
            call = () -> f.call(x, q);
        }
        return median(repeats, call);
    }

    private static RegressionContext context(TensorOps ops, Tensor seed, Parameters hyper, Tensor prepared) {
        Tensor jitter = ops.scalar(0.0);
        return RegressionContext.of(ops, jitter, seed, hyper, Optional.ofNullable(prepared));
    }

    /**
     * Median seconds of the bare operations of exact KRR at this size: {Gram + cholesky + two triangular solves,
     * cholesky alone}.
     */
    private static double[] bare(Workspace ws, DeviceArray x, DeviceArray q, int repeats) {
        long n = x.shape().dim(0);
        GaussianKernel kernel = new GaussianKernel();
        double bandwidth = Math.sqrt(2.0 * x.shape().dim(1));
        CompiledFunction solve = ws.compile("bench/regression/bare", List.of(TensorSpec.of(x), TensorSpec.of(q)),
                (ops, in) -> {
                    Tensor s = ops.scalar(bandwidth);
                    Tensor k = kernel.gram(in.get(0), in.get(0), s).add(ops.eye(n).mul(BARE_RIDGE));
                    Tensor l = ops.cholesky(k);
                    Tensor half = ops.triangularSolve(l, kernel.gram(in.get(0), in.get(1), s), true, false);
                    return List.of(ops.triangularSolve(l, half, true, true));
                });
        CompiledFunction matrix = ws.compile("bench/regression/bare-matrix", List.of(TensorSpec.of(x)),
                (ops, in) -> List.of(kernel.gram(in.get(0), in.get(0), ops.scalar(bandwidth))
                        .add(ops.eye(n).mul(BARE_RIDGE))));
        double whole = median(repeats, () -> solve.call(x, q));
        List<DeviceArray> k = matrix.call(x);
        try {
            DeviceArray a = k.get(0);
            CompiledFunction cholesky = ws.compile("bench/regression/bare-cholesky", List.of(TensorSpec.of(a)),
                    (ops, in) -> List.of(ops.cholesky(in.get(0))));
            return new double[] {whole, median(repeats, () -> cholesky.call(a))};
        } finally {
            k.forEach(DeviceArray::close);
        }
    }

    /** Median wall seconds of {@code repeats} calls after two warm-up calls; outputs are closed, not copied. */
    static double median(int repeats, Supplier<List<DeviceArray>> call) {
        for (int i = 0; i < 2; i++) {
            call.get().forEach(DeviceArray::close);
        }
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            List<DeviceArray> out = call.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
            out.forEach(DeviceArray::close);
        }
        Arrays.sort(t);
        return repeats % 2 == 1 ? t[repeats / 2] : (t[repeats / 2 - 1] + t[repeats / 2]) / 2;
    }

    /**
     * Writes a log-log PNG of the step time (seconds) against N, one line per regressor and type (points when a
     * line would have a single point).
     */
    public static void plot(Path png, List<Row> rows) {
        Map<String, List<Row>> lines = new LinkedHashMap<>();
        for (Row r : rows) {
            lines.computeIfAbsent(r.regressor() + " " + r.dtype().label(), k -> new ArrayList<>()).add(r);
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        lines.forEach((name, rs) -> series.put(name, new double[][] {
            rs.stream().mapToDouble(Row::n).toArray(), rs.stream().mapToDouble(Row::seconds).toArray()}));
        String title = rows.isEmpty() ? "Regression step" : "Regression step: D=" + rows.get(0).dimension() + ", M="
                + rows.get(0).queries();
        if (series.values().stream().allMatch(xy -> xy[0].length > 1)) {
            Plots.line(png, title, "N (sleep samples)", "seconds per step", series, true, true);
        } else {
            Plots.scatter(png, title, "N (sleep samples)", "seconds per step", series, true, true);
        }
    }
}
