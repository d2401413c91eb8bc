package org.alws.cli;

import java.util.Iterator;
import java.util.List;
import org.alws.api.tensor.DType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --dtype}: {@code float32} or {@code float64}. */
final class DTypeConverter implements ITypeConverter<DType>, Iterable<String> {
    @Override
    public DType convert(String value) {
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64)) {
            if (t.label().equalsIgnoreCase(value.strip())) {
                return t;
            }
        }
        throw new TypeConversionException("got '" + value + "', expected float32 or float64");
    }

    @Override
    public Iterator<String> iterator() {
        return List.of(DType.FLOAT32.label(), DType.FLOAT64.label()).iterator();
    }
}
