/**
 * Binding of user options (from JSON files or {@code key=value} command-line arguments) onto the options records of
 * plugins, the reverse mapping for {@code config.json} and provenance, and the option listings of
 * {@code alws plugins --verbose}.
 */
package org.alws.core.config;
