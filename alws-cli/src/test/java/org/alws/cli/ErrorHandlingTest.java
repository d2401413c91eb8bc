package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alws.api.AlwsException;
import org.alws.api.BackendException;
import org.alws.api.ConfigException;
import org.alws.api.DataException;
import org.alws.api.IncompatibleModelException;
import org.alws.api.NumericalException;
import org.alws.api.PluginException;
import org.alws.api.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ErrorHandlingTest {

    @Test
    void unknownFlagGivesPicocliMessageAndUsageHint() {
        Cli.Result r = Cli.run("train", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: Unknown option: '--bogus' (try 'alws train --help')\n");
    }

    @Test
    void misspeltFlagAlsoSuggestsTheRightOne() {
        Cli.Result r = Cli.run("train", "--step", "5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("alws: Unknown options: '--step', '5'; did you mean ")
                .contains("--steps").endsWith(" (try 'alws train --help')\n").hasLineCount(1);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(Cli.run().err()).isEqualTo("alws: Missing required subcommand (try 'alws --help')\n");
        Cli.Result bench = Cli.run("bench");
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.err()).isEqualTo("alws: Missing required subcommand (try 'alws bench --help')\n");
    }

    @Test
    void badValueIsAUsageError() {
        Cli.Result r = Cli.run("train", "--dtype", "int32");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: Invalid value for option '--dtype': got 'int32', expected float32 or "
                + "float64 (try 'alws train --help')\n");
        Cli.Result steps = Cli.run("train", "--steps", "many");
        assertThat(steps.exitCode()).isEqualTo(2);
        assertThat(steps.err())
                .isEqualTo("alws: Invalid value for option '--steps': 'many' is not a long (try 'alws train --help')\n");
    }

    @Test
    void helpAndVersionSucceed() {
        Cli.Result help = Cli.run("train", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: alws train ").contains("--set=KIND.OPTION=VALUE");
        Cli.Result version = Cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("alws ");
        Cli.Result gradcheckHelp = Cli.run("help", "gradcheck");
        assertThat(gradcheckHelp.exitCode()).isZero();
        assertThat(gradcheckHelp.out().replaceAll("\\s+", " ")).contains("(default: float64)");
    }

    @Test
    void invalidLearnerOptionNamesPluginFieldValueAndExpectation() {
        Cli.Result r = Cli.run("train", "--set", "learner.sleepSamples=-5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("alws: learner alws: sleepSamples: got -5, expected an integer >= 2\n");
    }

    @Test
    void unknownSetKindIsAUsageError() {
        Cli.Result r = Cli.run("train", "--set", "bogus.x=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --set bogus.x=1: unknown kind 'bogus'; expected one of model, data, "
                + "learner, regressor, kernel, optimizer, training, metric\n");
    }

    @Test
    void malformedSetIsAUsageError() {
        Cli.Result r = Cli.run("train", "--set", "learner.sleepSamples");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: --set: got 'learner.sleepSamples', expected KIND.OPTION=VALUE, e.g. "
                + "learner.sleepSamples=2000\n");
    }

    @Test
    void unknownOptionOfAPluginListsTheKnownOnes() {
        Cli.Result r = Cli.run("train", "--set", "optimizer.lr=0.1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: optimizer adam: unknown option 'lr'; known options: learningRate, "
                + "beta1, beta2, epsilon, weightDecay\n");
    }

    @Test
    void configFileWithAWrongTypeIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), "{\"training\": {\"steps\": \"many\"}}");
        Cli.Result r = Cli.run("train", "--config", file.toString(), "--runs", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: config file " + file
                + ": training: steps: got 'many', expected an integer\n");
        assertThat(dir.resolve("run.json")).exists();
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void configFileWithASyntaxErrorNamesLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("run.json"), "{\n  \"seed\": 3,,\n}\n");
        Cli.Result r = Cli.run("train", "--config", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: config file " + file + " is not valid JSON at line 2, column 13: "
                + "Unexpected character (',' (code 44)): was expecting double-quote to start field name\n");
    }

    @Test
    void configFileErrorsForMissingFileUnknownKeyAndNonObject(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.json");
        assertThat(Cli.run("train", "--config", missing.toString()).err())
                .isEqualTo("alws: config file " + missing + " does not exist\n");
        Path unknown = Files.writeString(dir.resolve("u.json"), "{\"steps\": 5}");
        Cli.Result r = Cli.run("train", "--config", unknown.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("alws: config file " + unknown + ": unknown configuration key 'steps'; "
                + "known keys: backend, data, dtype, formatVersion, kernel, learner, metrics, model, optimizer, "
                + "regressor, seed, training\n");
        Path list = Files.writeString(dir.resolve("l.json"), "[1, 2]");
        assertThat(Cli.run("train", "--config", list.toString()).err())
                .isEqualTo("alws: config file " + list + " holds a JSON array; expected a JSON object\n");
    }

    @Test
    void unknownPluginNameListsTheAvailableOnes() {
        Cli.Result r = Cli.run("train", "--model", "nope");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("alws: no model plugin named 'nope'; available: blowfly, deconv-decoder, "
                + "gabor-ring, gaussian-mixture, gradient-estimation, ica, matrix-factorisation, mlp-decoder, "
                + "neural-process, pinwheel\n");
        Cli.Result learner = Cli.run("train", "--learner", "vea");
        assertThat(learner.exitCode()).isEqualTo(3);
        assertThat(learner.err()).isEqualTo("alws: no learner plugin named 'vea'; available: alws, ciwae, flow-vae, "
                + "iwae, miwae, nvil, piwae, rws, vae, vimco, wake-sleep\n");
    }

    @Test
    void exceptionsMapToTheirExitCodes() {
        assertThat(ExitCodes.of(new ConfigException("f", "m"))).isEqualTo(2);
        assertThat(ExitCodes.of(new PluginException("m"))).isEqualTo(3);
        assertThat(ExitCodes.of(new StorageException("m"))).isEqualTo(4);
        assertThat(ExitCodes.of(new DataException("m"))).isEqualTo(4);
        assertThat(ExitCodes.of(new NumericalException("m"))).isEqualTo(5);
        assertThat(ExitCodes.of(new IncompatibleModelException("m"))).isEqualTo(6);
        assertThat(ExitCodes.of(new BackendException("m"))).isEqualTo(7);
        assertThat(ExitCodes.of(new AlwsException("m"))).isEqualTo(1);
        assertThat(ExitCodes.of(new IllegalStateException("m"))).isEqualTo(70);
        assertThat(ExitCodes.of(new OutOfMemoryError("m"))).isEqualTo(70);
    }

    /** A command that throws what it is told to, through the same error handling as alws. */
    @Command(name = "thrower")
    static final class Thrower implements Callable<Integer> {
        @Option(names = "--stacktrace")
        boolean stacktrace;

        @Option(names = "--kind")
        String kind = "numerical";

        @Override
        public Integer call() {
            switch (kind) {
                case "numerical":
                    throw new NumericalException("step 3: the loss is NaN");
                case "backend":
                    throw new BackendException("TensorFlow native library failed to load");
                case "error":
                    throw new StackOverflowError();
                default:
                    throw new IllegalStateException("boom\nsecond line");
            }
        }
    }

    private static Cli.Result runThrower(String... args) {
        Thrower thrower = new Thrower();
        CommandLine cmd = new CommandLine(thrower);
        ErrorHandler handler = new ErrorHandler(() -> thrower.stacktrace);
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setExecutionStrategy(handler.strategy(() -> { }));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Cli.Result(cmd.execute(args), out.toString(), err.toString());
    }

    @Test
    void alwsExceptionsPrintOneLineAndTheirExitCode() {
        Cli.Result r = runThrower();
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).isEqualTo("alws: step 3: the loss is NaN\n");
        Cli.Result backend = runThrower("--kind", "backend");
        assertThat(backend.exitCode()).isEqualTo(7);
        assertThat(backend.err()).isEqualTo("alws: TensorFlow native library failed to load\n");
    }

    @Test
    void otherExceptionsAreInternalErrorsOnOneLine() {
        Cli.Result r = runThrower("--kind", "bug");
        assertThat(r.exitCode()).isEqualTo(70);
        assertThat(r.err()).isEqualTo("alws: internal error: java.lang.IllegalStateException: boom second line "
                + "(rerun with --stacktrace for details)\n");
        Cli.Result error = runThrower("--kind", "error");
        assertThat(error.exitCode()).isEqualTo(70);
        assertThat(error.err()).isEqualTo("alws: internal error: java.lang.StackOverflowError "
                + "(rerun with --stacktrace for details)\n");
    }

    @Test
    void stacktraceFlagPrintsTheFullTrace() {
        Cli.Result r = runThrower("--kind", "bug", "--stacktrace");
        assertThat(r.exitCode()).isEqualTo(70);
        assertThat(r.err()).startsWith("java.lang.IllegalStateException: boom\nsecond line\n\tat ");
        Cli.Result real = Cli.run("--stacktrace", "train", "--model", "nope");
        assertThat(real.exitCode()).isEqualTo(3);
        assertThat(real.err()).startsWith("org.alws.api.PluginException: no model plugin named 'nope'")
                .contains("\tat org.alws.core.registry.PluginRegistry.require");
    }
}
