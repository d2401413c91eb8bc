/**
 * The backend SPI: workspaces holding variables and compiled functions. TensorFlow Java is the reference implementation.
 */
package org.alws.api.backend;
