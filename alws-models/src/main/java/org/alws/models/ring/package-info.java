/**
 * A latent on the unit circle ({@code gabor-ring}): the model draws an angle a ~ U(−π, π), computes
 * z = (sin a, cos a) and decodes it into a 16×16 image ({@link org.alws.models.ring.GaborRingModel}); the data are
 * Gabor patches of uniform orientation ({@link org.alws.models.ring.GaborDataProvider},
 * {@link org.alws.models.ring.GaborPatch}). The property to show is that a learner that needs only ancestral samples
 * finds a model whose images' orientations are uniform: the {@code orientation-ks} metric
 * ({@link org.alws.models.ring.OrientationUniformity}) measures each image's orientation with its
 * {@link org.alws.models.ring.StructureTensor} and compares their distribution with U[0, π) by the
 * {@link org.alws.models.ring.KolmogorovSmirnov} statistic.
 */
package org.alws.models.ring;
