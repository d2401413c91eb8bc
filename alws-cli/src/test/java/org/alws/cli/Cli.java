package org.alws.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code alws} command line in-process, as picocli's testing guide does, capturing both outputs. */
final class Cli {
    /** What one invocation printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** Standard output and error, for assertion messages. */
        String both() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs {@code alws args} with an empty environment. */
    static Result run(String... args) {
        return runWithEnvironment(Map.of(), args);
    }

    /** Runs {@code alws args} with the given environment. */
    static Result runWithEnvironment(Map<String, String> environment, String... args) {
        CommandLine cmd = Main.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
