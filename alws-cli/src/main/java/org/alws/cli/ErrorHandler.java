package org.alws.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import org.alws.api.AlwsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one line on standard error and an exit status ({@link ExitCodes}).
 *
 * <ul>
 *   <li>Command-line errors (unknown flag, bad value, missing subcommand): one line, {@code alws: <picocli's
 *       message>}, any "did you mean" suggestions, and {@code (try 'alws train --help')}; status 2.</li>
 *   <li>An {@link AlwsException} from a command: {@code alws: <message>}; the status of its kind.</li>
 *   <li>Anything else is a bug: {@code alws: internal error: <exception> (rerun with --stacktrace for details)};
 *       status 70.</li>
 * </ul>
 *
 * With {@code --stacktrace}, the full stack trace is printed instead of the one line. An {@link Error} (which picocli
 * lets through) is reported as an internal error by the {@linkplain #strategy execution strategy}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final BooleanSupplier stacktrace;

    /** @param stacktrace whether {@code --stacktrace} was given */
    ErrorHandler(BooleanSupplier stacktrace) {
        this.stacktrace = stacktrace;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (stacktrace.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        StringBuilder line = new StringBuilder("alws: ").append(oneLine(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        line.append(" (try '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
        err.println(line);
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        // picocli wraps an Error thrown by a command in an ExecutionException: report the Error itself.
        Throwable cause = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
        report(cause, cmd.getErr());
        return ExitCodes.of(cause);
    }

    /**
     * Runs the parsed (sub)command as picocli's {@code RunLast} does, reporting an {@link Error} thrown by it as an
     * internal error (status 70), and runs {@code cleanup} afterwards in every case.
     */
    IExecutionStrategy strategy(Runnable cleanup) {
        return parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) {
                report(e, parseResult.commandSpec().commandLine().getErr());
                return ExitCodes.of(e);
            } finally {
                cleanup.run();
            }
        };
    }

    /** Prints the one line (or the stack trace) for {@code e}. */
    void report(Throwable e, PrintWriter err) {
        if (stacktrace.getAsBoolean()) {
            e.printStackTrace(err);
        } else {
            err.println("alws: " + message(e));
        }
        err.flush();
    }

    /** The one-line message for an exception, without the {@code alws: } prefix. */
    static String message(Throwable e) {
        if (e instanceof AlwsException && e.getMessage() != null) {
            return oneLine(e.getMessage());
        }
        return "internal error: " + oneLine(e.toString()) + " (rerun with --stacktrace for details)";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
