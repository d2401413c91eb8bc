package org.alws.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipFile;
import org.alws.api.PluginException;

/**
 * The plugin JARs of one invocation: from every {@code --plugins} path, then every entry of the {@code ALWS_PLUGINS}
 * environment variable (separated by the platform's path separator, {@code :} on Unix). A directory contributes the
 * {@code *.jar} files directly inside it, in name order; a {@code .jar} path contributes itself. Each JAR must open
 * as a ZIP archive before anything is loaded from it, so that a truncated download is named instead of showing up
 * later as a missing class.
 */
final class PluginPath {
    /** The environment variable listing plugin directories and JARs. */
    static final String ENVIRONMENT_VARIABLE = "ALWS_PLUGINS";

    private PluginPath() {
    }

    /**
     * The JAR files named by {@code paths} and {@code environmentValue} (may be null), absolute, each once.
     *
     * @throws PluginException for a missing directory or JAR, a path that is neither, or a JAR that cannot be read
     */
    static List<Path> jars(List<Path> paths, String environmentValue) {
        List<Path> entries = new ArrayList<>(paths);
        if (environmentValue != null) {
            for (String s : environmentValue.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (!s.isBlank()) {
                    entries.add(Path.of(s.strip()));
                }
            }
        }
        Set<Path> jars = new LinkedHashSet<>();
        for (Path entry : entries) {
            Path p = entry.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                jars.addAll(jarsIn(p));
            } else if (isJarName(p)) {
                if (!Files.exists(p)) {
                    throw new PluginException("plugin JAR " + p + " does not exist");
                }
                jars.add(p);
            } else if (!Files.exists(p)) {
                throw new PluginException("plugin directory " + p + " does not exist");
            } else {
                throw new PluginException("plugin path " + p + " is neither a directory nor a .jar file");
            }
        }
        for (Path jar : jars) {
            checkReadable(jar);
        }
        return List.copyOf(jars);
    }

    /**
     * A class loader over {@code jars} whose parent is {@code parent}, or {@code parent} itself when there are none.
     */
    static ClassLoader loader(List<Path> jars, ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("plugin JAR " + jars.get(i) + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("alws-plugins", urls, parent);
    }

    private static List<Path> jarsIn(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (isJarName(p) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new PluginException("plugin directory " + dir + " cannot be listed: " + reason(e), e);
        }
        out.sort(null);
        return out;
    }

    private static boolean isJarName(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static void checkReadable(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new PluginException("plugin JAR " + jar + " cannot be read: not a regular file");
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.size();
        } catch (IOException e) {
            throw new PluginException("plugin JAR " + jar + " cannot be read: " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return ErrorHandler.oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }
}
