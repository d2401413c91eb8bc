package org.alws.models.ica;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code ica}: ALWS on independent component analysis of 8 Laplace sources mixed into 16 dimensions,
 * configured by {@code ica.json} (CPU-sized) and {@code ica-paper.json} (the reference's sizes: 36 sources in 256
 * dimensions, 100,000 examples, N = 2,000, a kernel on learned features, Adam 10⁻³ for 100 epochs; {@code --paper}).
 */
@AutoService(PresetProvider.class)
public final class IcaPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public IcaPreset() {
        super("ica",
                "ALWS on ICA: z ~ Laplace(0, I_8), x ~ N(z W, sigma^2 I_16) over 10,000 synthetic mixtures (a seeded "
                + "random A, noise 0.1), exact kernel ridge regression at half the median bandwidth; IcaReport draws "
                + "the learned filters next to A with the Amari index",
                "ica.json", "ica-paper.json");
    }
}
