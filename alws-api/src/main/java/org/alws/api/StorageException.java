package org.alws.api;

/** A run directory or checkpoint that is missing, unreadable, from an incompatible version, or cannot be written. */
public class StorageException extends AlwsException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
