/**
 * The backend-neutral symbolic tensor language (shapes, types, operations) and host arrays. Models and learners are written against {@link org.alws.api.tensor.TensorOps} once and traced by a backend.
 */
package org.alws.api.tensor;
