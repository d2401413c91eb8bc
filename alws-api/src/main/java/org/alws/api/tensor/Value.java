package org.alws.api.tensor;

/**
 * A concrete array that can be passed to a compiled function: either a {@link HostArray} in Java memory or a
 * {@link DeviceArray} held by the backend (kept there between calls, so sleep samples and weights never make a
 * round trip through the JVM heap).
 */
public interface Value {
    Shape shape();

    DType dtype();
}
