package org.alws.api;

/** The compute backend cannot start (for example its native library does not load) or failed while running. */
public class BackendException extends AlwsException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
