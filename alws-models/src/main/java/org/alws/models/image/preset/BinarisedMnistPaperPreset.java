package org.alws.models.image.preset;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code binarised-mnist-paper}: the paper's binarised MNIST experiment, configured by {@code binarised-
 * mnist-paper.json}. Its paper variant ({@code --paper}) is itself.
 */
@AutoService(PresetProvider.class)
public final class BinarisedMnistPaperPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public BinarisedMnistPaperPreset() {
        super("binarised-mnist-paper",
                "The paper's binarised MNIST run: ALWS on the deconvolutional decoder (Bernoulli pixels) over "
                + "32x32 digits (needs --set data.directory=DIR holding the MNIST IDX files), N = 5,000, 2,000 "
                + "random features on a fixed projection, Adam 1e-3, batch 100, 50 epochs (for a GPU); an 8x8 "
                + "sample grid and FID/KID (10,000 samples) per epoch",
                "binarised-mnist-paper.json", "binarised-mnist-paper.json");
    }
}
