package org.alws.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.alws.api.plugin.PluginKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a plugin kind by its label ({@code model}, {@code dataset}, ...; {@code data} is accepted for
 * {@code dataset}), and lists the labels for completion and help.
 */
final class KindConverter implements ITypeConverter<PluginKind>, Iterable<String> {

    @Override
    public PluginKind convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("data")) {
            return PluginKind.DATASET;
        }
        for (PluginKind k : PluginKind.values()) {
            if (k.label().equals(v)) {
                return k;
            }
        }
        throw new TypeConversionException("got '" + value + "', expected one of " + labels());
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(PluginKind.values()).map(PluginKind::label).iterator();
    }

    static String labels() {
        return Arrays.stream(PluginKind.values()).map(PluginKind::label).collect(Collectors.joining(", "));
    }
}
