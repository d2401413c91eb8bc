/**
 * Plugin discovery: a {@link org.alws.core.registry.PluginRegistry} finds every provider registered with
 * {@link java.util.ServiceLoader} for each {@link org.alws.api.plugin.PluginKind}, isolates the ones that fail to
 * load, rejects duplicate names and selects providers by name or by priority.
 */
package org.alws.core.registry;
