package org.alws.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real launcher script {@code <alws.repo>/alws} (or the one named by the system property
 * {@code alws.launcher}) as a subprocess, for the integration tests.
 */
final class Launcher {
    private static final long TIMEOUT_SECONDS = 300;

    private Launcher() {
    }

    /** The outcome of one launcher run. */
    record Run(int exitCode, String out, String err) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code alws args...} in the repository root, capturing its output in files under {@code tmp}. */
    static Run run(Path tmp, String... args) throws IOException, InterruptedException {
        Path launcher = launcher();
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "alws", ".out");
        Path err = Files.createTempFile(tmp, "alws", ".err");
        Process p = new ProcessBuilder(command).directory(Path.of(property("alws.repo")).toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("alws " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path launcher() {
        String override = System.getProperty("alws.launcher");
        Path launcher = override != null ? Path.of(override) : Path.of(property("alws.repo")).resolve("alws");
        if (!Files.isExecutable(launcher)) {
            fail("the launcher " + launcher.toAbsolutePath().normalize() + " is missing or not executable");
        }
        return launcher;
    }

    /** A system property set by failsafe (see the pom). */
    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            fail("system property " + name + " is not set; run this test with failsafe (mvn verify)");
        }
        return value;
    }
}
