package org.alws.api.plugin;

import java.util.Objects;

/**
 * Whether a plugin can be used on this machine, and why not. Providers compute it cheaply (no native loading where
 * avoidable); an unavailable plugin is listed with its reason and never selected.
 */
public record Availability(boolean isAvailable, String reason) {
    private static final Availability AVAILABLE = new Availability(true, "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability ok() {
        return AVAILABLE;
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
