/**
 * Guides (recognition models q_φ(z | x)) for the baseline learners: {@link org.alws.baselines.guide.DefaultGuide},
 * an MLP on the data with one head per latent site chosen by the site's support, and
 * {@link org.alws.baselines.guide.Guides}, which picks a model's own guide or the default one and checks that its
 * sites are the model's latent sites.
 */
package org.alws.baselines.guide;
