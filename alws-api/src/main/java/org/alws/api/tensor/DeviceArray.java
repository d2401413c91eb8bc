package org.alws.api.tensor;

/**
 * An array held by the backend (native or device memory), returned by a compiled function. It must be closed;
 * read it with {@link #toHost()} before closing.
 */
public interface DeviceArray extends Value, AutoCloseable {
    /** Copies the data into Java memory. */
    HostArray toHost();

    /** Releases the native memory. Idempotent. */
    @Override
    void close();
}
