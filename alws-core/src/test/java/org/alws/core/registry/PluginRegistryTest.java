package org.alws.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.alws.api.PluginException;
import org.alws.api.learn.LearnerProvider;
import org.alws.api.model.ModelProvider;
import org.alws.api.plugin.PluginKind;
import org.alws.core.registry.fakes.FakeLearner;
import org.alws.core.registry.fakes.GpuModel;
import org.alws.core.registry.fakes.WorkingModel;
import org.alws.core.registry.fakes.ZetaModel;
import org.alws.core.registry.fakes.jarred.DupOne;
import org.alws.core.registry.fakes.jarred.DupTwo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
    private static final String FAKES = "org.alws.core.registry.fakes.";
    private static final String JARRED = FAKES + "jarred.";

    @TempDir
    Path temp;

    private URLClassLoader loader;

    @BeforeEach
    void basicFakes() throws Exception {
        URL dir = PluginRegistryTest.class.getResource("/fake-plugins/basic/");
        loader = new URLClassLoader(new URL[] {dir}, new HidingLoader(getClass().getClassLoader(), JARRED));
    }

    @AfterEach
    void close() throws IOException {
        loader.close();
    }

    @Test
    void workingProvidersAreDiscoveredWithTheirMetadata() throws Exception {
        PluginRegistry registry = PluginRegistry.discover(loader);

        PluginInfo working = registry.find(PluginKind.MODEL, "working").orElseThrow();
        assertThat(working.kind()).isEqualTo(PluginKind.MODEL);
        assertThat(working.description()).isEqualTo("fake model working");
        assertThat(working.version()).isEqualTo("dev");
        assertThat(working.priority()).isEqualTo(10);
        assertThat(working.isAvailable()).isTrue();
        assertThat(working.provider()).isInstanceOf(WorkingModel.class);
        assertThat(working.source()).isEqualTo(testClassesDir().toString());
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void brokenProvidersAreListedUnavailableWithTheirReasonAndDoNotTakeTheOthersDown() throws Exception {
        PluginRegistry registry = PluginRegistry.discover(loader);

        assertThat(registry.list(PluginKind.MODEL)).extracting(PluginInfo::name).containsExactly(
                "alpha", "flaky", "gpu-model", FAKES + "DoesNotExist", FAKES + "NoDefaultConstructorModel",
                FAKES + "ThrowingConstructorModel", FAKES + "ThrowingNameModel", "working", "zeta");
        assertThat(reason(registry, FAKES + "ThrowingConstructorModel"))
                .isEqualTo("failed to load: IllegalStateException: native library libfoo.so is missing");
        assertThat(reason(registry, FAKES + "DoesNotExist"))
                .isEqualTo("failed to load: Provider " + FAKES + "DoesNotExist not found");
        assertThat(reason(registry, FAKES + "NoDefaultConstructorModel"))
                .isEqualTo("failed to load: no public no-argument constructor");
        assertThat(reason(registry, FAKES + "ThrowingNameModel"))
                .isEqualTo("failed to describe itself: UnsupportedOperationException: no name");
        assertThat(reason(registry, "flaky"))
                .isEqualTo("availability check failed: RuntimeException: probe crashed");
        assertThat(reason(registry, "gpu-model")).isEqualTo("needs a CUDA device");

        PluginInfo ctor = registry.find(PluginKind.MODEL, FAKES + "ThrowingConstructorModel").orElseThrow();
        assertThat(ctor.provider()).isNull();
        assertThat(ctor.source()).isEqualTo(testClassesDir().toString());
        // The missing class has no code source: its source is the directory whose service file names it.
        PluginInfo missing = registry.find(PluginKind.MODEL, FAKES + "DoesNotExist").orElseThrow();
        assertThat(missing.source()).isEqualTo(testClassesDir().resolve("fake-plugins/basic").toString());

        assertThat(registry.list(PluginKind.MODEL)).filteredOn(PluginInfo::isAvailable)
                .extracting(PluginInfo::name).containsExactly("alpha", "working", "zeta");
    }

    @Test
    void aProviderRegisteredUnderAnotherKindThanItDeclaresIsUnavailable() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        assertThat(registry.find(PluginKind.LEARNER, "mislabelled").orElseThrow().availability().reason())
                .isEqualTo("declares kind metric but is registered as a learner plugin");
        PluginInfo learner = registry.find(PluginKind.LEARNER, "fake-learner").orElseThrow();
        assertThat(learner.isAvailable()).isTrue();
        assertThat(learner.description()).isEqualTo("a learner whose description spans lines");
    }

    @Test
    void selectsByExactName() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        ModelProvider<?> zeta = registry.select(PluginKind.MODEL, ModelProvider.class, "zeta");
        assertThat(zeta).isInstanceOf(ZetaModel.class);
        assertThatThrownBy(() -> registry.select(PluginKind.MODEL, ModelProvider.class, "Zeta"))
                .isInstanceOf(PluginException.class);
    }

    @Test
    void anUnknownNameListsWhatIsAvailableAndWhatIsNotAndWhy() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        assertThatThrownBy(() -> registry.select(PluginKind.MODEL, ModelProvider.class, "wroking"))
                .isInstanceOf(PluginException.class)
                .hasMessage("no model plugin named 'wroking'; available: alpha, working, zeta; unavailable: "
                        + "flaky (availability check failed: RuntimeException: probe crashed), "
                        + "gpu-model (needs a CUDA device), "
                        + FAKES + "DoesNotExist (failed to load: Provider " + FAKES + "DoesNotExist not found), "
                        + FAKES + "NoDefaultConstructorModel (failed to load: no public no-argument constructor), "
                        + FAKES + "ThrowingConstructorModel (failed to load: IllegalStateException: native library"
                        + " libfoo.so is missing), "
                        + FAKES + "ThrowingNameModel (failed to describe itself: UnsupportedOperationException: "
                        + "no name)");
    }

    @Test
    void anUnknownNameOfAKindWithNoPluginsSaysNoneIsAvailable() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        assertThatThrownBy(() -> registry.select(PluginKind.KERNEL, Object.class, "rbf"))
                .hasMessage("no kernel plugin named 'rbf'; available: none");
    }

    @Test
    void selectingAnUnavailablePluginByNameSaysWhy() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        assertThatThrownBy(() -> registry.select(PluginKind.MODEL, ModelProvider.class, "gpu-model"))
                .isInstanceOf(PluginException.class)
                .hasMessage("model plugin 'gpu-model' is unavailable: needs a CUDA device");
        assertThatThrownBy(() -> registry.select(PluginKind.MODEL, ModelProvider.class,
                FAKES + "ThrowingConstructorModel"))
                .hasMessage("model plugin '" + FAKES + "ThrowingConstructorModel' is unavailable: failed to load: "
                        + "IllegalStateException: native library libfoo.so is missing");
    }

    @Test
    void theDefaultIsTheAvailableProviderOfHighestPriorityWithTiesBrokenByName() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        // gpu-model (100) is unavailable, flaky (50) failed its check; working and zeta tie at 10.
        assertThat(registry.selectDefault(PluginKind.MODEL, ModelProvider.class)).isInstanceOf(WorkingModel.class);
        assertThat(registry.defaultInfo(PluginKind.MODEL).name()).isEqualTo("working");
    }

    @Test
    void noDefaultWhenNothingIsInstalledOrAvailable() {
        PluginRegistry registry = PluginRegistry.discover(loader);
        assertThatThrownBy(() -> registry.selectDefault(PluginKind.KERNEL, Object.class))
                .isInstanceOf(PluginException.class)
                .hasMessage("no kernel plugin is installed");

        PluginRegistry onlyGpu = PluginRegistry.of(List.of(new GpuModel()));
        assertThatThrownBy(() -> onlyGpu.selectDefault(PluginKind.MODEL, ModelProvider.class))
                .isInstanceOf(PluginException.class)
                .hasMessage("no model plugin is available; unavailable: gpu-model (needs a CUDA device)");
    }

    @Test
    void selectingAsTheWrongTypeNamesBothTypes() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        assertThatThrownBy(() -> registry.select(PluginKind.LEARNER, ModelProvider.class, "fake-learner"))
                .isInstanceOf(PluginException.class)
                .hasMessage("learner plugin 'fake-learner' is a " + FakeLearner.class.getName() + ", not a "
                        + ModelProvider.class.getName());
        assertThat(registry.select(PluginKind.LEARNER, LearnerProvider.class, "fake-learner"))
                .isInstanceOf(FakeLearner.class);
    }

    @Test
    void allListsEveryKindInOrderThenByName() {
        PluginRegistry registry = PluginRegistry.discover(loader);

        List<PluginInfo> all = registry.all();
        assertThat(all).hasSize(11);
        assertThat(all.subList(0, 9)).allMatch(i -> i.kind() == PluginKind.MODEL);
        assertThat(all.subList(9, 11)).extracting(PluginInfo::name).containsExactly("fake-learner", "mislabelled");
    }

    @Test
    void duplicateNamesInTwoJarsAreAnErrorNamingBothJars() throws Exception {
        Path a = jar("a.jar", List.of("DupOne", "SoloModel"));
        Path b = jar("b.jar", List.of("DupTwo"));
        Path c = jar("c.jar", List.of("NeedsMissingBase"));
        try (URLClassLoader jars = new URLClassLoader(
                new URL[] {a.toUri().toURL(), b.toUri().toURL(), c.toUri().toURL()},
                new HidingLoader(getClass().getClassLoader(), JARRED))) {
            PluginRegistry registry = PluginRegistry.discover(jars);

            String message = "duplicate model plugin 'ppca': found in a.jar and b.jar";
            assertThatThrownBy(() -> registry.select(PluginKind.MODEL, ModelProvider.class, "ppca"))
                    .isInstanceOf(PluginException.class)
                    .hasMessage(message);
            assertThat(registry.problems()).containsExactly(message);
            assertThat(registry.list(PluginKind.MODEL)).filteredOn(i -> i.name().equals("ppca"))
                    .extracting(PluginInfo::source, i -> i.availability().reason())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a.jar", message),
                            org.assertj.core.groups.Tuple.tuple("b.jar", message));

            // The rest of the JARs still work, and a class that does not link is reported with its JAR.
            PluginInfo solo = registry.require(PluginKind.MODEL, "solo");
            assertThat(solo.source()).isEqualTo("a.jar");
            assertThat(solo.provider().getClass().getClassLoader()).isSameAs(jars);
            PluginInfo broken = registry.find(PluginKind.MODEL, JARRED + "NeedsMissingBase").orElseThrow();
            assertThat(broken.source()).isEqualTo("c.jar");
            assertThat(broken.availability().reason()).isEqualTo(
                    "failed to load: NoClassDefFoundError: org/alws/core/registry/fakes/jarred/MissingBase");
            assertThat(registry.selectDefault(PluginKind.MODEL, ModelProvider.class).name()).isEqualTo("solo");
        }
    }

    @Test
    void duplicateNamesFromOneDirectoryNameBothClasses() throws Exception {
        PluginRegistry registry = PluginRegistry.of(List.of(new DupOne(), new DupTwo(), new WorkingModel()));

        String dir = testClassesDir().toString();
        assertThat(registry.problems()).containsExactly("duplicate model plugin 'ppca': found in "
                + DupOne.class.getName() + " (" + dir + ") and " + DupTwo.class.getName() + " (" + dir + ")");
        assertThat(registry.select(PluginKind.MODEL, ModelProvider.class, "working"))
                .isInstanceOf(WorkingModel.class);
    }

    @Test
    void theTestClassPathItselfLoadsWithoutFakes() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        assertThat(registry.all()).noneMatch(i -> i.name().startsWith(FAKES) || i.name().equals("working"));
    }

    private static String reason(PluginRegistry registry, String name) {
        return registry.find(PluginKind.MODEL, name).orElseThrow().availability().reason();
    }

    private static Path testClassesDir() throws URISyntaxException {
        return Path.of(WorkingModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A JAR with the given classes of the jarred package and a service file registering them as models. */
    private Path jar(String name, List<String> simpleNames) throws IOException {
        Path jar = temp.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ModelProvider.class.getName()));
            StringBuilder services = new StringBuilder();
            for (String simple : simpleNames) {
                services.append(JARRED).append(simple).append('\n');
            }
            out.write(services.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (String simple : simpleNames) {
                String resource = (JARRED + simple).replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                    assertThat(in).as(resource).isNotNull();
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * A parent loader that hides every service file (so that only the fakes a test asks for are discovered) and the
     * classes under one package (so that they load from the test's JARs, not from the test class directory).
     */
    private static final class HidingLoader extends ClassLoader {
        private final String hiddenPrefix;

        HidingLoader(ClassLoader parent, String hiddenPrefix) {
            super(parent);
            this.hiddenPrefix = hiddenPrefix;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(hiddenPrefix)) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.startsWith("META-INF/services/")) {
                return Collections.emptyEnumeration();
            }
            return super.getResources(name);
        }
    }
}
