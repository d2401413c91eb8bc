package org.alws.cli;

import org.alws.api.ConfigException;

/** Checks of integer flags shared by the commands, each failing with the one-line message of {@link ConfigException}. */
final class Flags {
    private Flags() {
    }

    /**
     * Checks that a flag's value, if given, is at least {@code min}.
     *
     * @throws ConfigException "FLAG: got VALUE, expected an integer &gt;= MIN"
     */
    static void atLeast(String flag, Number value, long min) {
        if (value != null && value.longValue() < min) {
            throw new ConfigException(flag, value, "an integer >= " + min);
        }
    }
}
