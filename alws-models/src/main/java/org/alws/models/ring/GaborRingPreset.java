package org.alws.models.ring;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code gabor-ring}: ALWS on the circle-prior model over Gabor patches, configured by
 * {@code gabor-ring.json} (CPU-sized: channels 32 and 16, N = 1,000 sleep samples, exact kernel ridge regression at
 * the median bandwidth with ridge 1, Adam 0.003, batch 100, 10 epochs of 10,000 patches) and
 * {@code gabor-ring-paper.json} ({@code --paper}: the reference's gabor_on_ring.ipynb, channels 256 and 128, N =
 * 2,000, a Gaussian kernel on a learned 100-feature network with learned bandwidth and ridge, Adam 10⁻³, 30 epochs).
 */
@AutoService(PresetProvider.class)
public final class GaborRingPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public GaborRingPreset() {
        super("gabor-ring",
                "ALWS on a latent angle a ~ U(-pi, pi), z = (sin a, cos a), decoded to 16x16 Gabor patches of "
                + "uniform orientation, N = 1,000, 1,000 steps; the orientation-ks metric (KS statistic of the "
                + "samples' orientations against uniform), per-epoch sample grids and plots/gabor-ring.png (images "
                + "around the circle, angle-to-orientation map, orientation histogram)",
                "gabor-ring.json", "gabor-ring-paper.json");
    }
}
