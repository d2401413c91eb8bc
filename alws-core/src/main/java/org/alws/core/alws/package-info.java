/**
 * Amortised learning by wake-sleep: sleep samples from the model, a linear smoother fitted on them, and the gradient
 * of the smoothed log joint at the data as one weighted backward pass. A regressor with learned hyper-parameters
 * (bandwidth, ridge, feature network) gets a kernel step before each generator step: an update of the
 * hyper-parameters on the held-out error of predicting the log joint of fresh validation sleep samples.
 */
package org.alws.core.alws;
