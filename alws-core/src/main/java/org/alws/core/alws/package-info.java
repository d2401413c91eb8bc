/**
 * Amortised learning by wake-sleep: sleep samples from the model, a linear smoother fitted on them, and the gradient
 * of the smoothed log joint at the data as one weighted backward pass.
 */
package org.alws.core.alws;
