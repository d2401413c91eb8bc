/**
 * The ALWS engine: plugin discovery and selection ({@link org.alws.core.registry}), binding of user options onto
 * plugin options records ({@link org.alws.core.config}), run directories with their configuration, provenance,
 * metrics and checkpoints ({@link org.alws.core.run}) and training plots ({@link org.alws.core.plot}).
 */
package org.alws.core;
