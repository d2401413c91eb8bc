package org.alws.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.backend.Backend;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.learn.Optimizer;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.cli.text.Csv;
import org.alws.cli.text.Format;
import org.alws.cli.text.Table;
import org.alws.core.alws.AlwsBenchmark;
import org.alws.core.alws.AlwsOptions;
import org.alws.core.kernel.GaussianKernel;
import org.alws.core.registry.PluginRegistry;
import org.alws.core.regress.KernelRidgeOptions;
import org.alws.core.regress.KernelRidgeRegressor;
import org.alws.api.learn.StandardLearnerContext;
import org.alws.models.gradient.GradientEstimationModel;
import org.alws.models.gradient.GradientEstimationSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws bench alws-step}: times one ALWS step on the gradient-estimation model (σ_x = 0.5, b = (1, 0.5)) with
 * exact kernel ridge regression (Gaussian kernel) and Adam, split into sleep, regression, backward pass and update,
 * beside the bare backend operations of the same sizes (Gram matrix, Cholesky, two triangular solves), for each N.
 */
@Command(name = "alws-step", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Time the phases of one ALWS step against the bare linear algebra.",
            "Model: gradient-estimation (sigma_x = 0.5, b = (1, 0.5)); exact KRR with a Gaussian kernel; Adam. The "
                    + "bare operations are Gram matrix + Cholesky + 2 triangular solves of the same sizes.",
            "Times are medians over the repeats after two warm-up calls, in milliseconds."
        })
final class BenchAlwsStepCommand implements Callable<Integer> {
    /** The CSV header. */
    static final List<String> CSV_HEADER = List.of("n", "m", "sleep_s", "regression_s", "backward_s", "update_s",
            "step_s", "bare_s", "regression_over_bare");
    private static final double SIGMA_X = 0.5;
    private static final double[] B = {1, 0.5};

    @ParentCommand
    private BenchCommand bench;

    @Spec
    private CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", split = ",", defaultValue = "1000,2000,4000",
            description = "Sleep sample counts N, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> budgets;

    @Option(names = "--m", paramLabel = "M", defaultValue = "100",
            description = "Wake points M (default: ${DEFAULT-VALUE}).")
    private int wakePoints;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "5",
            description = "Timed repetitions per phase (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", converter = DTypeConverter.class,
            completionCandidates = DTypeConverter.class,
            description = "Floating type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private DType dtype;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the wake points and the parameters (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the timings (in seconds) to this CSV.")
    private Path csv;

    @Override
    public Integer call() {
        Check.atLeast("--m", wakePoints, 1);
        Check.atLeast("--repeats", repeats, 1);
        for (int n : budgets) {
            if (n < 2) {
                throw new ConfigException("--n", n, "sleep sample counts >= 2");
            }
        }
        PluginRegistry registry = bench.root().registry();
        Backend backend = Plugins.backend(registry);
        Optimizer adam = Plugins.optimizer(registry, "adam", Map.of());
        GaussianKernel kernel = new GaussianKernel();
        KernelRidgeRegressor krr = new KernelRidgeRegressor(KernelRidgeOptions.defaults(), kernel);
        GradientEstimationModel model = new GradientEstimationModel(SIGMA_X, B);
        SeedStream seeds = SeedStream.root(seed);
        double[] x = new GradientEstimationSampler(B, SIGMA_X)
                .observations(wakePoints, seeds.child("bench").child("wake").random(0));
        HostArray wake = HostArray.of(Shape.of(wakePoints, 1), x);

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AlwsBenchmark.Timing> timings = new ArrayList<>();
        try (Workspace ws = backend.open(WorkspaceOptions.defaults().withFloatType(dtype))) {
            StandardLearnerContext context = new StandardLearnerContext(ws, model, seeds, adam, krr, Shape.of(1),
                    wakePoints, wakePoints, 0);
            out.println("ALWS step on gradient-estimation (sigma_x=0.5, b=(1, 0.5)), M=" + wakePoints + ", " + dtype
                    + ", " + repeats + " repeats; " + ws.description());
            out.flush();
            for (int n : budgets) {
                timings.add(AlwsBenchmark.run(context, AlwsOptions.defaults(), kernel, wake, n, repeats));
                err.println("bench alws-step: N=" + n + " done");
                err.flush();
            }
        }
        Table t = Table.withHeader("N", "sleep ms", "regression ms", "backward ms", "update ms", "step ms",
                "bare ms", "regression/bare").align(Table.Align.RIGHT, 0, 1, 2, 3, 4, 5, 6, 7);
        for (AlwsBenchmark.Timing s : timings) {
            t.row(Integer.toString(s.n()), Format.millis(s.sleep()), Format.millis(s.regression()),
                    Format.millis(s.backward()), Format.millis(s.update()), Format.millis(s.total()),
                    Format.millis(s.bare()), Format.number(s.regressionOverBare(), 3));
        }
        t.print(out, "");
        if (csv != null) {
            List<List<String>> rows = new ArrayList<>();
            for (AlwsBenchmark.Timing s : timings) {
                rows.add(List.of(Integer.toString(s.n()), Integer.toString(s.m()), Double.toString(s.sleep()),
                        Double.toString(s.regression()), Double.toString(s.backward()), Double.toString(s.update()),
                        Double.toString(s.total()), Double.toString(s.bare()),
                        Double.toString(s.regressionOverBare())));
            }
            Csv.write(csv, CSV_HEADER, rows);
            out.println("CSV: " + csv.toAbsolutePath().normalize());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
