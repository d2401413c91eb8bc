/**
 * The root of the ALWS API: the exception hierarchy. Subpackages hold the symbolic tensor language, distributions, model programs and the plugin SPIs.
 */
package org.alws.api;
