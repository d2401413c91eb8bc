package org.alws.models.image.preset;

import com.google.auto.service.AutoService;
import org.alws.api.preset.JsonPresetProvider;
import org.alws.api.preset.PresetProvider;

/**
 * The preset {@code fashion-mnist-cpu}: CPU-sized Fashion-MNIST, configured by {@code fashion-mnist-cpu.json}. Its
 * paper variant ({@code --paper}) is {@code fashion-mnist-paper}.
 */
@AutoService(PresetProvider.class)
public final class FashionMnistCpuPreset extends JsonPresetProvider {
    /** Registers the preset. */
    public FashionMnistCpuPreset() {
        super("fashion-mnist-cpu",
                "ALWS on a 2x400 MLP decoder (16-D z, Gaussian pixels, learned sigma) over 20,000 Fashion-MNIST "
                + "images in [-1, 1], N = 1,500 sleep samples, exact KRR at half the median bandwidth on a fixed "
                + "projection (fused steps), 5 epochs on a CPU; an 8x8 sample grid and FID/KID per epoch (on 5,000 "
                + "samples, not the paper's 10,000)",
                "fashion-mnist-cpu.json", "fashion-mnist-paper.json");
    }
}
