package org.alws.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** The entry point of the {@code alws} command: {@code java -cp ... org.alws.cli.Main [args]}. */
public final class Main {
    private Main() {
    }

    /** Runs {@code alws} with {@code args} and exits with its status ({@link ExitCodes}). */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int status;
        try {
            status = commandLine(System.getenv()).execute(args);
        } catch (RuntimeException | Error e) {
            // Only reachable if picocli itself fails; commands' exceptions go through ErrorHandler.
            PrintWriter err = new PrintWriter(System.err, true);
            new ErrorHandler(() -> false).report(e, err);
            status = ExitCodes.of(e);
        }
        System.exit(status);
    }

    /**
     * The configured {@code alws} command line: error handling, exit statuses, and release of the plugin class
     * loader after each execution. Tests call {@link CommandLine#execute} on it with their own output writers.
     *
     * @param environment the environment to read {@code ALWS_PLUGINS} from
     */
    public static CommandLine commandLine(Map<String, String> environment) {
        AlwsCommand root = new AlwsCommand(environment);
        CommandLine cmd = new CommandLine(root);
        ErrorHandler errors = new ErrorHandler(root::stacktrace);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        cmd.setUsageHelpAutoWidth(true);
        cmd.setExecutionStrategy(errors.strategy(root::close));
        return cmd;
    }
}
