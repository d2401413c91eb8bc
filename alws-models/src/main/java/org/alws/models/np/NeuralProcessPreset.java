package org.alws.models.np;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code neural-process}: ALWS on a neural process over sine functions, configured by
 * {@code neural-process.json} (CPU-sized: N = 1,000 sleep samples from the context-conditioned prior, exact kernel
 * ridge regression on the 8 target values with a Gaussian kernel of bandwidth 1 whose bandwidth and ridge are
 * learned, Adam 10⁻³, one function per step) and {@code neural-process-paper.json} ({@code --paper}: the reference's
 * run_np.py, N = 5,000, ridge 10⁻³, Adam 10⁻⁴ for the model and the kernel, 50 epochs of 10,000 functions).
 */
@AutoService(PresetProvider.class)
public final class NeuralProcessPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public NeuralProcessPreset() {
        super("neural-process",
                "ALWS on a neural process (z in R^50 from a mean-pooled encoder of 4 context points, 8 targets) over "
                + "10,000 noisy sine functions a sin(x - b), one function per step, N = 1,000 sleep samples from "
                + "p(z | context), krr with a learned Gaussian kernel; held-out predictive log-likelihood "
                + "(np-predictive) and predictive bands of 6 test functions (plots/neural-process.png)",
                "neural-process.json", "neural-process-paper.json");
    }
}
