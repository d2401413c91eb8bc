package org.alws.models.image.preset;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code fashion-mnist-paper}: the paper's Fashion-MNIST experiment, configured by {@code fashion-mnist-
 * paper.json}. Its paper variant ({@code --paper}) is itself.
 */
@AutoService(PresetProvider.class)
public final class FashionMnistPaperPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public FashionMnistPaperPreset() {
        super("fashion-mnist-paper",
                "The paper's Fashion-MNIST run: ALWS on the deconvolutional decoder (Gaussian pixels) over 32x32 "
                + "images, N = 5,000, 2,000 random features on a fixed projection, Adam 1e-3, batch 100, 50 epochs "
                + "(for a GPU); an 8x8 sample grid and FID/KID (10,000 samples) per epoch",
                "fashion-mnist-paper.json", "fashion-mnist-paper.json");
    }
}
