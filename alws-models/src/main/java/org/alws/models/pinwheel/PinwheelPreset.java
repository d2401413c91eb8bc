package org.alws.models.pinwheel;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code pinwheel}: ALWS on the hierarchical mixture over the 5-arm pinwheel, configured by
 * {@code pinwheel.json} (CPU-sized: N = 5,000 sleep samples through Nyström regression on 800 inducing points at a
 * fixed bandwidth of 0.15, about an eighth of the data's median distance, Adam 0.005, batch 500, 2,000 steps, the
 * model seeded by k-means++) and {@code pinwheel-paper.json} ({@code --paper}: the reference's Pinwheel.ipynb, N =
 * 1,000 with exact kernel ridge regression whose bandwidth and ridge are learned, Adam 10⁻³, batch 200, 3,000 epochs,
 * the reference's random initialisation).
 */
@AutoService(PresetProvider.class)
public final class PinwheelPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public PinwheelPreset() {
        super("pinwheel",
                "ALWS on c ~ Cat(10), y|c ~ N(mu_c, diag s_c^2), x|y ~ N(MLP(y), diag sigma^2) over the 5-arm "
                + "pinwheel, N = 5,000 sleep samples, Nystrom (800 points, bandwidth 0.15), 2,000 steps; held-out "
                + "log-likelihood by importance sampling (pinwheel-loglik) against the data's exact one "
                + "(plots/pinwheel-loglik.txt) and samples over the data (plots/samples.png)",
                "pinwheel.json", "pinwheel-paper.json");
    }
}
