package org.alws.models.image.preset;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code mnist-cpu}: CPU-sized continuous MNIST, configured by {@code mnist-cpu.json}. Its paper variant
 * ({@code --paper}) is {@code mnist-paper}.
 */
@AutoService(PresetProvider.class)
public final class MnistCpuPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public MnistCpuPreset() {
        super("mnist-cpu",
                "ALWS on a 2x400 MLP decoder (16-D z, Gaussian pixels, learned sigma) over 20,000 MNIST digits in "
                + "[-1, 1] (needs --set data.directory=DIR holding the MNIST IDX files), N = 1,500 sleep samples, "
                + "exact KRR at half the median bandwidth on a fixed projection (fused steps), 5 epochs on a CPU; "
                + "an 8x8 sample grid and FID/KID per epoch (on 5,000 samples, not the paper's 10,000)",
                "mnist-cpu.json", "mnist-paper.json");
    }
}
