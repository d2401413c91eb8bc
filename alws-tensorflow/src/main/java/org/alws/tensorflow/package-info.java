/**
 * The TensorFlow Java backend: traces {@link org.alws.api.tensor.TensorOps} programs into one TensorFlow graph per
 * workspace (graph mode), differentiates them with TensorFlow's gradient registry plus Java gradients for the ops it
 * lacks, keeps parameters in resource variables and applies updates in-graph. The only module that touches
 * TensorFlow.
 */
package org.alws.tensorflow;
