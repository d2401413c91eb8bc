/**
 * Reference computations written directly in TensorFlow Java, for benchmarks that compare the framework's traced
 * functions with what a TensorFlow user would build by hand: {@link org.alws.tensorflow.bench.HandBuiltVae}, one
 * VAE training step as a raw graph.
 */
package org.alws.tensorflow.bench;
