package org.alws.core.alws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.DataException;
import org.alws.api.NumericalException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StepResult;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Value;

/**
 * ALWS prepared for one run: each step draws fresh sleep samples, fits the smoother (raising the jitter if the
 * factorisation fails), and takes one weighted backward pass with the optimiser update. If the regressor has learned
 * hyper-parameters, every {@code kernelStepEvery}-th step (by index) first takes a kernel step: it draws a training and a validation sleep set (from their
 * own seed streams), fits the smoother on the first, and updates only the hyper-parameters on its held-out error at
 * the second; the generator step then uses its own, fresh sleep set. Every random choice derives from the learner's
 * seed stream and the step index, and all state lives in workspace variables, so a resumed run repeats an
 * uninterrupted one exactly.
 */
final class AlwsSession implements LearnerSession {
    private final AlwsOptions options;
    private final LearnerContext context;
    private final AlwsFunctions functions;
    /** The unfused step's functions (sleep and step null when steps are fused). */
    private final CompiledFunction sleep;
    private final CompiledFunction regress;
    private final CompiledFunction step;
    /** Whether the regressor has learned hyper-parameters, which kernel steps tune. */
    private final boolean tunes;
    private final SeedStream sleepSeeds;
    private final SeedStream regressionSeeds;
    private final HostArray uniformWeights;
    /** The unfused kernel steps, or null when steps are fused or the regressor has no learned hyper-parameters. */
    private final KernelTuner kernel;
    /** The fused step with a kernel update, or null when steps are not fused or have no kernel update. */
    private final CompiledFunction fusedWithKernel;
    /** The fused step without a kernel update, or null when steps are not fused. */
    private final CompiledFunction fused;

    AlwsSession(AlwsOptions options, LearnerContext context, org.alws.api.regress.Regressor regressor,
            boolean exponentialFamily,
            int sleepSamples, int wakePoints) {
        this.options = options;
        this.context = context;
        this.functions = new AlwsFunctions(context, regressor, exponentialFamily, sleepSamples, wakePoints);
        boolean fuse = options.fused() && functions.fuses();
        // Traced first in either case: tracing a fit creates the regressor's learned hyper-parameters.
        this.regress = functions.regress();
        this.tunes = functions.learnsHyperParameters();
        this.sleep = fuse ? null : functions.sleep();
        this.step = fuse ? null : functions.step();
        this.sleepSeeds = context.seeds().child("sleep");
        this.regressionSeeds = context.seeds().child("regression");
        this.kernel = tunes && !fuse ? new KernelTuner(functions, options, context.seeds().child("kernel")) : null;
        this.fused = fuse ? functions.fusedStep(0, null) : null;
        this.fusedWithKernel = fuse && tunes ? functions.fusedStep(options.validationSamples(),
                AlwsLearner.hyperOptimizer(options)) : null;
        double[] c = new double[wakePoints];
        java.util.Arrays.fill(c, 1.0 / wakePoints);
        this.uniformWeights = HostArray.of(Shape.of(wakePoints), c);
    }

    AlwsFunctions functions() {
        return functions;
    }

    /**
     * Sleep samples of step {@code step}: latent values in site order, then x, then (conditional model) the inputs of
     * {@code batch} they were drawn at. The caller closes them.
     */
    List<DeviceArray> sleep(long stepIndex, HostArray batch) {
        return functions.drawSleep(sleep, sleepSeeds.statelessSeed(stepIndex), batch);
    }

    /**
     * The kernel step of step {@code stepIndex}: fresh training and validation sleep sets, one guarded update of the
     * regressor's hyper-parameters on the held-out error. Only for a regressor with learned hyper-parameters.
     */
    AlwsFunctions.KernelStep kernelStep(long stepIndex, HostArray batch) {
        if (kernel == null) {
            throw new IllegalStateException("no separate kernel steps: the regressor has no learned "
                    + "hyper-parameters or steps are fused");
        }
        return kernel.step(stepIndex, batch);
    }

    @Override
    public StepResult step(HostArray batch, long stepIndex) {
        if (!batch.allFinite()) {
            throw new DataException("step " + stepIndex + ": the data batch holds a non-finite value (NaN or "
                    + "infinity); no update was applied");
        }
        boolean tune = tunes && stepIndex % options.kernelStepEvery() == 0;
        if (fused != null) {
            return fusedStep(batch, stepIndex, tune);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (tune) {
            long k0 = System.nanoTime();
            AlwsFunctions.KernelStep k = kernel.step(stepIndex, batch);
            putKernel(metrics, k);
            metrics.put("seconds.kernel", (System.nanoTime() - k0) / 1e9);
        }
        long t0 = System.nanoTime();
        List<DeviceArray> samples = sleep(stepIndex, batch);
        try {
            long t1 = System.nanoTime();
            AlwsFunctions.Regression reg = functions.fit(regress, samples, batch,
                    regressionSeeds.statelessSeed(stepIndex), options);
            long t2 = System.nanoTime();
            List<Value> args = new ArrayList<>(samples);
            args.add(reg.alpha());
            args.add(batch);
            args.add(uniformWeights);
            List<DeviceArray> out = step.call(args);
            reg.alpha().close();
            double loss = out.get(0).toHost().scalarValue();
            double norm = out.get(1).toHost().scalarValue();
            boolean targetsFinite = out.get(2).toHost().get(0) != 0;
            out.forEach(DeviceArray::close);
            long t3 = System.nanoTime();
            if (!targetsFinite) {
                throw new NumericalException("step " + stepIndex + ": the regression targets of ALWS (log densities "
                        + "of the sleep samples under the model) are not finite; no update was applied");
            }
            metrics.putAll(reg.diagnostics());
            if (reg.jitter() > 0) {
                metrics.put("jitter", reg.jitter());
            }
            metrics.put("seconds.sleep", (t1 - t0) / 1e9);
            metrics.put("seconds.regression", (t2 - t1) / 1e9);
            metrics.put("seconds.step", (t3 - t2) / 1e9);
            return new StepResult(loss, norm, metrics);
        } finally {
            samples.forEach(DeviceArray::close);
        }
    }

    private StepResult fusedStep(HostArray batch, long stepIndex, boolean tune) {
        long t0 = System.nanoTime();
        AlwsFunctions.FusedStep f = functions.runFusedStep(tune ? fusedWithKernel : fused,
                sleepSeeds.statelessSeed(stepIndex), batch, uniformWeights, regressionSeeds.statelessSeed(stepIndex),
                tune, options);
        if (!f.targetsFinite()) {
            throw new NumericalException("step " + stepIndex + ": the regression targets of ALWS (log densities of "
                    + "the sleep samples under the model) are not finite; no update was applied");
        }
        Map<String, Double> metrics = new LinkedHashMap<>(f.step().metrics());
        if (f.kernel() != null) {
            putKernel(metrics, f.kernel());
        }
        if (f.jitter() > 0) {
            metrics.put("jitter", f.jitter());
        }
        metrics.put("seconds.step", (System.nanoTime() - t0) / 1e9);
        return new StepResult(f.step().loss(), f.step().gradientNorm(), metrics);
    }

    private static void putKernel(Map<String, Double> metrics, AlwsFunctions.KernelStep k) {
        metrics.put("kernel.loss", k.loss());
        metrics.put("kernel.gradientNorm", k.gradientNorm());
        if (k.jitter() > 0) {
            metrics.put("kernel.jitter", k.jitter());
        }
        if (!k.applied()) {
            metrics.put("kernel.skipped", 1.0);
        }
    }
}
