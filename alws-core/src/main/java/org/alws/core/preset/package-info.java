/**
 * Presets resolved into run configurations: {@code alws run NAME} and {@code alws compare NAME}.
 */
package org.alws.core.preset;
