package org.alws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.alws.api.PluginException;
import org.alws.api.learn.LearnerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathTest {

    @Test
    void directoriesGiveTheirJarsInNameOrderAndJarsThemselvesEachOnce(@TempDir Path dir) throws Exception {
        Map<Class<?>, List<String>> none = Map.of(LearnerProvider.class, List.of());
        Path b = FakePlugins.jar(dir.resolve("d/b.jar"), none);
        Path a = FakePlugins.jar(dir.resolve("d/a.jar"), none);
        Files.writeString(dir.resolve("d/notes.txt"), "not a plugin");
        Files.createDirectories(dir.resolve("d/sub.jar"));
        Path c = FakePlugins.jar(dir.resolve("c.JAR"), none);
        String env = c + File.pathSeparator + File.pathSeparator + dir.resolve("d/../d");
        assertThat(PluginPath.jars(List.of(dir.resolve("d")), env)).containsExactly(a, b, c);
    }

    @Test
    void noPathsMeansTheParentLoader() {
        ClassLoader parent = getClass().getClassLoader();
        assertThat(PluginPath.loader(PluginPath.jars(List.of(), null), parent)).isSameAs(parent);
    }

    @Test
    void jarsGetTheirOwnLoaderOverTheParent(@TempDir Path dir) throws Exception {
        Path a = FakePlugins.jar(dir.resolve("a.jar"), Map.of(LearnerProvider.class, List.of()));
        ClassLoader loader = PluginPath.loader(List.of(a), getClass().getClassLoader());
        assertThat(loader).isInstanceOf(URLClassLoader.class);
        assertThat(loader.getParent()).isSameAs(getClass().getClassLoader());
        ((URLClassLoader) loader).close();
    }

    @Test
    void missingAndUnusablePathsAreNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PluginPath.jars(List.of(dir.resolve("x")), null))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin directory " + dir.resolve("x") + " does not exist");
        assertThatThrownBy(() -> PluginPath.jars(List.of(), dir.resolve("gone.jar").toString()))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin JAR " + dir.resolve("gone.jar") + " does not exist");
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> PluginPath.jars(List.of(text), null))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin path " + text + " is neither a directory nor a .jar file");
        Path empty = Files.createFile(dir.resolve("empty.jar"));
        assertThatThrownBy(() -> PluginPath.jars(List.of(empty), null))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("plugin JAR " + empty + " cannot be read: ");
    }
}
