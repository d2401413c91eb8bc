/**
 * Presets: named, ready-made run configurations ({@code alws run NAME}) that plugin JARs ship beside their models
 * and data sets, with an optional paper-scale variant; their configurations can be JSON resources read with
 * {@link org.alws.api.preset.JsonConfiguration}.
 */
package org.alws.api.preset;
