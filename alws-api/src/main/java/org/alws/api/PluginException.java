package org.alws.api;

/** A plugin that is unknown, duplicated, unavailable or broken. */
public class PluginException extends AlwsException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
