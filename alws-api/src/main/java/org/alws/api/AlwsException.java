package org.alws.api;

/**
 * The root of ALWS's unchecked exceptions. Messages are one line, name the thing at fault, the value found and what
 * was expected, so that the command line can print them as they are.
 */
public class AlwsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlwsException(String message) {
        super(message);
    }

    public AlwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
