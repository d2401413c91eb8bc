package org.alws.api;

/** Unreadable or malformed data: names the file (and line or record where known) and what was wrong. */
public class DataException extends AlwsException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
