/**
 * The run directory of one training run: {@code config.json} (the resolved configuration), {@code provenance.json}
 * (versions, platform, seed, data hash), {@code metrics.jsonl} (one JSON object per logged step or evaluation),
 * {@code checkpoints/} (atomically written, checksummed, bit-exact parameter snapshots) and {@code plots/}; with the
 * shared JSON configuration and atomic file replacement they rely on.
 */
package org.alws.core.run;
