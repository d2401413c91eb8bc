package org.alws.core.config;

import java.util.Objects;

/**
 * One option of a plugin, as {@code alws plugins --verbose} lists it.
 *
 * @param name the record component name, used as the option key
 * @param type what values it takes, in words: {@code integer}, {@code number}, {@code boolean}, {@code string},
 *     {@code one of a, b}, {@code list of numbers}, ...
 * @param defaultValue the default in the form {@link OptionsBinder#toMap} gives (lists for arrays, labels for enums);
 *     may be {@code null}
 * @param doc the component's {@link org.alws.api.config.Doc} text, or empty
 */
public record OptionInfo(String name, String type, Object defaultValue, String doc) {
    public OptionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
    }
}
