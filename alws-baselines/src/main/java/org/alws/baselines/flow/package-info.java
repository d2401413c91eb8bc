/**
 * Normalising flows for the {@code flow-vae} learner, usable on their own: a {@link org.alws.baselines.flow.Flow}
 * layer maps a batch of vectors z [N, d] and per-row parameters [N, P] to (z', log|det ∂z'/∂z|).
 * {@link org.alws.baselines.flow.PlanarFlow} (Rezende and Mohamed, 2015) and
 * {@link org.alws.baselines.flow.InverseAutoregressiveFlow} (Kingma et al., 2016) are the layers;
 * {@link org.alws.baselines.flow.FlowKind} names them and stacks them; {@link org.alws.baselines.flow.FlowGuide} is
 * the default guide's diagonal Normal followed by a stack of layers whose parameters the guide's encoder outputs.
 */
package org.alws.baselines.flow;
