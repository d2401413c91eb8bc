package org.alws.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.alws.api.config.NoOptions;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.learn.LearnerSession;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelProvider;

/**
 * Plugins that exist only for the tests. They are not registered on the test class path; a test registers them by
 * writing a plugin JAR whose service files name them ({@link #jar}), and the classes then load through the parent.
 */
final class FakePlugins {
    private FakePlugins() {
    }

    /** Writes a JAR holding only {@code META-INF/services} files: service interface name to provider class names. */
    static Path jar(Path file, Map<Class<?>, List<String>> services) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os)) {
            for (Map.Entry<Class<?>, List<String>> e : services.entrySet()) {
                jar.putNextEntry(new JarEntry("META-INF/services/" + e.getKey().getName()));
                jar.write((String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** A learner without per-point score estimates. */
    public static final class PlainLearnerProvider implements LearnerProvider<NoOptions> {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public String description() {
            return "a test learner that cannot estimate per-point scores";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public Learner create(NoOptions options) {
            return new Learner() {
                @Override
                public LearnerSession start(LearnerContext context) {
                    throw new UnsupportedOperationException("test learner");
                }
            };
        }
    }

    /** A model claiming the name of the gradient-estimation model, to provoke a duplicate. */
    public static final class DuplicateModelProvider implements ModelProvider<NoOptions> {
        @Override
        public String name() {
            return "gradient-estimation";
        }

        @Override
        public String description() {
            return "a test model with a taken name";
        }

        @Override
        public NoOptions defaultOptions() {
            return new NoOptions();
        }

        @Override
        public GenerativeModel create(NoOptions options) {
            throw new UnsupportedOperationException("test model");
        }
    }
}
