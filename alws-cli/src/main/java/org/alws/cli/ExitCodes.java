package org.alws.cli;

import org.alws.api.AlwsException;
import org.alws.api.BackendException;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.NumericalException;
import org.alws.api.PluginException;
import org.alws.api.StorageException;

/**
 * The exit statuses of {@code alws}, one per kind of failure, so that scripts can tell a typo from a diverged run.
 *
 * <table>
 *   <caption>Exit statuses</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>any other ALWS error</td></tr>
 *   <tr><td>2</td><td>usage or configuration: unknown flag, bad value, invalid option
 *       ({@link ConfigException})</td></tr>
 *   <tr><td>3</td><td>plugins: unknown, unavailable, duplicated or unreadable ({@link PluginException})</td></tr>
 *   <tr><td>4</td><td>files and data: run directory, checkpoint, data set ({@link StorageException},
 *       {@link DataException})</td></tr>
 *   <tr><td>5</td><td>numerical failure: non-finite loss, failed factorisation ({@link NumericalException})</td></tr>
 *   <tr><td>6</td><td>a learner that cannot train the model ({@link IncompatibleModelException})</td></tr>
 *   <tr><td>7</td><td>the compute backend failed ({@link BackendException})</td></tr>
 *   <tr><td>70</td><td>internal error: a bug; rerun with {@code --stacktrace}</td></tr>
 * </table>
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An ALWS error of no more specific kind. */
    public static final int FAILURE = 1;
    /** A usage or configuration error. */
    public static final int USAGE = 2;
    /** A plugin error. */
    public static final int PLUGIN = 3;
    /** A storage or data error. */
    public static final int STORAGE = 4;
    /** A numerical failure. */
    public static final int NUMERICAL = 5;
    /** An incompatible model and learner. */
    public static final int INCOMPATIBLE = 6;
    /** A backend failure. */
    public static final int BACKEND = 7;
    /** An internal error (EX_SOFTWARE of sysexits.h). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** The exit status for an exception thrown by a command. */
    public static int of(Throwable e) {
        if (e instanceof ConfigException) {
            return USAGE;
        } else if (e instanceof PluginException) {
            return PLUGIN;
        } else if (e instanceof StorageException || e instanceof DataException) {
            return STORAGE;
        } else if (e instanceof NumericalException) {
            return NUMERICAL;
        } else if (e instanceof IncompatibleModelException) {
            return INCOMPATIBLE;
        } else if (e instanceof BackendException) {
            return BACKEND;
        } else if (e instanceof AlwsException) {
            return FAILURE;
        }
        return INTERNAL;
    }
}
