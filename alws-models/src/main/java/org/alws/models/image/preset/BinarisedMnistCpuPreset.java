package org.alws.models.image.preset;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code binarised-mnist-cpu}: CPU-sized binarised MNIST, configured by {@code binarised-mnist-cpu.json}.
 * Its paper variant ({@code --paper}) is {@code binarised-mnist-paper}.
 */
@AutoService(PresetProvider.class)
public final class BinarisedMnistCpuPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public BinarisedMnistCpuPreset() {
        super("binarised-mnist-cpu",
                "ALWS on a 2x400 MLP decoder (16-D z, Bernoulli pixels) over 20,000 binarised MNIST digits (needs "
                + "--set data.directory=DIR holding the MNIST IDX files), N = 1,000 sleep samples, exact KRR on "
                + "a fixed projection (fused steps), 5 epochs on a CPU; an 8x8 sample grid and FID/KID per epoch (on "
                + "5,000 samples, not the paper's 10,000)",
                "binarised-mnist-cpu.json", "binarised-mnist-paper.json");
    }
}
