package org.alws.models.blowfly;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code blowfly}: ALWS on Nicholson's blowfly model over the 180 bundled counts, configured by
 * {@code blowfly.json} (CPU-sized: N = 500 sleep samples, D = 200 random features, Adam 0.02 for 1,000 steps) and {@code blowfly-paper.json} (the reference's sizes: N = 3,000 sleep samples,
 * D = 300 random features, Adam 10⁻³ for 50,000 steps; {@code --paper}).
 */
@AutoService(PresetProvider.class)
public final class BlowflyPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public BlowflyPreset() {
        super("blowfly",
                "ALWS on Nicholson's blowfly model (delay tau, gamma noises, log-normal counts, learned initial "
                + "window) over the 180 counts on the plain log-joint path, random Fourier features with learned "
                + "bandwidth and ridge; the series-statistics metric (period, mean, std, autocorrelations of 100 "
                + "simulated series against the data's); BlowflyReport draws the data against 5 simulations",
                "blowfly.json", "blowfly-paper.json");
    }
}
