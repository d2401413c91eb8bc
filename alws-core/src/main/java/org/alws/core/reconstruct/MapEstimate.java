package org.alws.core.reconstruct;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.tensor.HostArray;

/**
 * The MAP estimates of a set of examples.
 *
 * @param reconstruction the mean of p(x | ẑ) of every example, of the data's shape
 * @param latents ẑ of every latent site by name, each [M, ...]
 * @param logJoint log p(x, ẑ) of every example (factors left out)
 */
public record MapEstimate(HostArray reconstruction, Map<String, HostArray> latents, double[] logJoint) {

    /** Copies the map of latents. */
    public MapEstimate {
        latents = Collections.unmodifiableMap(new LinkedHashMap<>(latents));
    }
}
