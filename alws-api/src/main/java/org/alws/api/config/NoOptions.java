package org.alws.api.config;

/** The options of a plugin that has none. */
public record NoOptions() {
}
