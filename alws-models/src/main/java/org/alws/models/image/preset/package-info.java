/**
 * The image presets ({@code alws run NAME}): for Fashion-MNIST, continuous MNIST and binarised MNIST, a CPU-sized
 * run of ALWS on the {@code mlp-decoder} ({@code *-cpu}) and the paper's setting on the {@code deconv-decoder}
 * ({@code *-paper}, also the {@code --paper} variant of the CPU preset). Each configuration is a JSON resource beside
 * its provider; every run writes an 8 × 8 grid of samples per epoch and FID and KID per epoch.
 */
package org.alws.models.image.preset;
