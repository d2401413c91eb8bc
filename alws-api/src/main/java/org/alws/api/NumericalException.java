package org.alws.api;

/** A numerical failure: a non-finite loss or gradient, a matrix that is not positive definite, a NaN target. */
public class NumericalException extends AlwsException {
    private static final long serialVersionUID = 1L;

    public NumericalException(String message) {
        super(message);
    }

    public NumericalException(String message, Throwable cause) {
        super(message, cause);
    }
}
