package org.alws.core.alws;

import java.util.List;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DeviceArray;

/**
 * ALWS's kernel steps for a regressor with learned hyper-parameters: step {@code i} draws a training sleep set of N
 * samples and a validation sleep set of {@link AlwsOptions#validationSamples()} from the seed streams {@code sleep}
 * and {@code validation} of its own stream (counter i), and takes one guarded Adam update of the hyper-parameters on
 * the held-out error (see {@link AlwsFunctions#kernelStep}). The draws depend on the step index only and the state
 * lives in workspace variables, so kernel steps resume exactly.
 */
final class KernelTuner {
    private final AlwsFunctions functions;
    private final AlwsOptions options;
    private final CompiledFunction step;
    private final CompiledFunction sleep;
    private final CompiledFunction validation;
    private final SeedStream sleepSeeds;
    private final SeedStream validationSeeds;
    private final SeedStream regressionSeeds;

    /**
     * Compiles the kernel step. Call after the regression has been traced and only if
     * {@link AlwsFunctions#learnsHyperParameters()} holds.
     *
     * @param seeds the stream of the kernel steps' draws
     */
    KernelTuner(AlwsFunctions functions, AlwsOptions options, SeedStream seeds) {
        this.functions = functions;
        this.options = options;
        this.step = functions.kernelStep(options.validationSamples(), AlwsLearner.hyperOptimizer(options));
        this.sleep = functions.sleep();
        this.validation = functions.sleep(options.validationSamples());
        this.sleepSeeds = seeds.child("sleep");
        this.validationSeeds = seeds.child("validation");
        this.regressionSeeds = seeds.child("regression");
    }

    /**
     * Kernel step {@code index}.
     *
     * @param data the wake points whose inputs a conditional model's sleep sets are drawn at; ignored (may be null)
     *     for an unconditional model
     */
    AlwsFunctions.KernelStep step(long index, org.alws.api.tensor.Value data) {
        List<DeviceArray> train = functions.drawSleep(sleep, sleepSeeds.statelessSeed(index), data);
        try {
            List<DeviceArray> held = functions.drawSleep(validation, validationSeeds.statelessSeed(index), data);
            try {
                return functions.runKernelStep(step, train, held, regressionSeeds.statelessSeed(index), options);
            } finally {
                held.forEach(DeviceArray::close);
            }
        } finally {
            train.forEach(DeviceArray::close);
        }
    }
}
