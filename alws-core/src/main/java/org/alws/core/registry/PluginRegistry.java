package org.alws.core.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.alws.api.PluginException;
import org.alws.api.plugin.Availability;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The plugins found on a class path, by kind, and the rules for choosing one.
 *
 * <p><b>Discovery.</b> {@link #discover(ClassLoader)} walks {@link ServiceLoader} by hand for the service interface of
 * every {@link PluginKind}. Each provider is isolated: one whose class is missing or does not link, whose constructor
 * throws, or whose {@code name()}, {@code description()}, {@code version()}, {@code priority()}, {@code kind()} or
 * {@code availability()} throws, is recorded as an unavailable entry with the reason and the JAR it came from, and
 * the others are unaffected. Such an entry is named by its class name, since it could not name itself.
 *
 * <p><b>Duplicates.</b> Two providers of one kind with the same name are an error: both entries are marked
 * unavailable with a message naming both sources ({@code duplicate model plugin 'ppca': found in a.jar and b.jar}),
 * selecting that name throws that message, and {@link #problems()} lists it so that the command line can report it.
 * Discovery itself never throws, so that {@code alws plugins} can always show what is installed.
 *
 * <p><b>Selection.</b> {@link #select} takes an exact name; {@link #selectDefault} takes the available provider with
 * the highest {@link Provider#priority()}, ties going to the name first in alphabetical order. An unknown name is
 * answered with the names available and those unavailable with their reasons.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PluginRegistry {
    /** A provider file naming more broken classes than this for one kind stops discovery of that kind. */
    private static final int MAX_FAILURES_PER_KIND = 100;
    private static final Comparator<PluginInfo> BY_NAME =
            Comparator.comparing(PluginInfo::name).thenComparing(PluginInfo::source);

    private final Map<PluginKind, List<PluginInfo>> byKind;
    private final Map<PluginKind, Map<String, String>> duplicates;
    private final List<String> problems;

    private PluginRegistry(List<Found> found) {
        Map<PluginKind, Map<String, List<Found>>> grouped = new EnumMap<>(PluginKind.class);
        for (Found f : found) {
            grouped.computeIfAbsent(f.info().kind(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f.info().name(), n -> new ArrayList<>()).add(f);
        }
        Map<PluginKind, List<PluginInfo>> lists = new EnumMap<>(PluginKind.class);
        Map<PluginKind, Map<String, String>> dups = new EnumMap<>(PluginKind.class);
        List<String> messages = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            List<PluginInfo> list = new ArrayList<>();
            Map<String, String> kindDups = new LinkedHashMap<>();
            for (Map.Entry<String, List<Found>> e : grouped.getOrDefault(kind, Map.of()).entrySet()) {
                List<Found> same = e.getValue();
                if (same.size() == 1) {
                    list.add(same.get(0).info());
                    continue;
                }
                String message = "duplicate " + kind.label() + " plugin '" + e.getKey() + "': found in "
                        + joinSources(same);
                kindDups.put(e.getKey(), message);
                messages.add(message);
                for (Found f : same) {
                    list.add(f.info().unavailable(message));
                }
            }
            list.sort(BY_NAME);
            lists.put(kind, List.copyOf(list));
            dups.put(kind, Map.copyOf(kindDups));
        }
        this.byKind = lists;
        this.duplicates = dups;
        this.problems = List.copyOf(messages);
    }

    /**
     * Finds every plugin registered with {@link ServiceLoader} that {@code loader} can see. Never throws for a
     * broken plugin: see the class comment.
     */
    public static PluginRegistry discover(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<Found> found = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            found.addAll(discoverKind(kind, loader));
        }
        return new PluginRegistry(found);
    }

    /**
     * A registry of the given provider instances, with the same isolation, duplicate and selection rules as
     * {@link #discover(ClassLoader)}; each is filed under the kind it declares. Meant for tests and for programs
     * that assemble their plugins by hand.
     */
    public static PluginRegistry of(Collection<? extends Provider<?>> providers) {
        List<Found> found = new ArrayList<>();
        for (Provider<?> p : providers) {
            Objects.requireNonNull(p, "provider");
            Origin origin = originOf(p.getClass());
            PluginKind kind;
            try {
                kind = Objects.requireNonNull(p.kind(), "kind() returned null");
            } catch (RuntimeException | LinkageError e) {
                throw new PluginException("plugin class " + p.getClass().getName() + " cannot say its kind: "
                        + describeError(e));
            }
            found.add(describe(kind, p, origin));
        }
        return new PluginRegistry(found);
    }

    /** The plugins of one kind, available or not, sorted by name. */
    public List<PluginInfo> list(PluginKind kind) {
        return byKind.get(Objects.requireNonNull(kind, "kind"));
    }

    /** Every plugin, by kind (in {@link PluginKind} order) and then by name. */
    public List<PluginInfo> all() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            out.addAll(byKind.get(kind));
        }
        return List.copyOf(out);
    }

    /**
     * One-line descriptions of problems with the installed plugins that are not tied to a single provider, such as
     * duplicate names. Empty when all is well.
     */
    public List<String> problems() {
        return problems;
    }

    /** The entry named {@code name}, available or not; for a duplicated name, the first one found. */
    public Optional<PluginInfo> find(PluginKind kind, String name) {
        Objects.requireNonNull(name, "name");
        return list(kind).stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * The available entry named exactly {@code name}.
     *
     * @throws PluginException if there is none (listing what is available and what is not, and why), if it is
     *     unavailable (saying why), or if the name is duplicated (naming both sources)
     */
    public PluginInfo require(PluginKind kind, String name) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        String duplicate = duplicates.get(kind).get(name);
        if (duplicate != null) {
            throw new PluginException(duplicate);
        }
        PluginInfo info = find(kind, name).orElseThrow(() -> new PluginException(notFound(kind, name)));
        if (!info.isAvailable()) {
            throw new PluginException(kind.label() + " plugin '" + name + "' is unavailable: "
                    + info.availability().reason());
        }
        return info;
    }

    /**
     * The provider named exactly {@code name}, as {@code type} (usually the kind's service interface).
     *
     * @throws PluginException as {@link #require}, or if the provider is not a {@code type}
     */
    public <P> P select(PluginKind kind, Class<P> type, String name) {
        return cast(require(kind, name), type);
    }

    /**
     * The available provider of {@code kind} with the highest priority; among equal priorities, the name first in
     * alphabetical order.
     *
     * @throws PluginException if no provider of the kind is available, listing the unavailable ones with reasons
     */
    public <P> P selectDefault(PluginKind kind, Class<P> type) {
        return cast(defaultInfo(kind), type);
    }

    /** The entry {@link #selectDefault} would choose. */
    public PluginInfo defaultInfo(PluginKind kind) {
        List<PluginInfo> entries = list(kind);
        Optional<PluginInfo> best = entries.stream()
                .filter(PluginInfo::isAvailable)
                .min(Comparator.comparingInt(PluginInfo::priority).reversed().thenComparing(PluginInfo::name));
        if (best.isPresent()) {
            return best.get();
        }
        if (entries.isEmpty()) {
            throw new PluginException("no " + kind.label() + " plugin is installed");
        }
        throw new PluginException("no " + kind.label() + " plugin is available; unavailable: " + unavailable(kind));
    }

    @Override
    public String toString() {
        return "PluginRegistry" + all().stream().map(i -> i.kind() + "/" + i.name()).toList();
    }

    private static <P> P cast(PluginInfo info, Class<P> type) {
        Object provider = info.provider();
        if (!type.isInstance(provider)) {
            throw new PluginException(info.kind().label() + " plugin '" + info.name() + "' is a "
                    + provider.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(provider);
    }

    private String notFound(PluginKind kind, String name) {
        String available = list(kind).stream().filter(PluginInfo::isAvailable).map(PluginInfo::name)
                .distinct().collect(Collectors.joining(", "));
        String message = "no " + kind.label() + " plugin named '" + name + "'; available: "
                + (available.isEmpty() ? "none" : available);
        String unavailable = unavailable(kind);
        return unavailable.isEmpty() ? message : message + "; unavailable: " + unavailable;
    }

    private String unavailable(PluginKind kind) {
        Set<String> seen = new LinkedHashSet<>();
        for (PluginInfo i : list(kind)) {
            if (!i.isAvailable()) {
                seen.add(i.nameWithReason());
            }
        }
        return String.join(", ", seen);
    }

    // ---------------------------------------------------------------------------------------------- discovery

    /** A discovered entry with the details needed to word a duplicate-name error. */
    private record Found(PluginInfo info, Origin origin, String className) {
    }

    /** Where a class came from: a short form for listings and the full location. */
    private record Origin(String display, String full) {
        static final Origin UNKNOWN = new Origin("unknown", "unknown");
    }

    private static List<Found> discoverKind(PluginKind kind, ClassLoader loader) {
        Class<?> service = kind.serviceType();
        Map<String, Origin> declared = declaredProviders(service, loader);
        List<String> order = new ArrayList<>(declared.keySet());
        List<Found> out = new ArrayList<>();
        Iterator<? extends ServiceLoader.Provider<?>> it = ServiceLoader.load(service, loader).stream().iterator();
        int cursor = 0;
        int failures = 0;
        while (true) {
            ServiceLoader.Provider<?> handle;
            try {
                if (!it.hasNext()) {
                    break;
                }
                handle = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // The class could not even be loaded: find which declared class it was, by its name in the error
                // or else by its position (ServiceLoader reads the declarations in order).
                int at = attribute(e, order, cursor);
                String className = at >= 0 ? order.get(at) : "unknown " + kind.label() + " provider";
                cursor = at >= 0 ? at + 1 : cursor;
                Origin origin = at >= 0 ? declared.get(className) : Origin.UNKNOWN;
                out.add(failed(kind, className, origin, "failed to load: " + describeLoadError(e, service)));
                if (++failures >= MAX_FAILURES_PER_KIND) {
                    break;
                }
                continue;
            }
            Class<?> type = handle.type();
            int at = order.indexOf(type.getName());
            cursor = at >= 0 ? at + 1 : cursor;
            Origin origin = originOf(type);
            Object instance;
            try {
                instance = handle.get();
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                out.add(failed(kind, type.getName(), origin, "failed to load: " + describeLoadError(e, service)));
                continue;
            }
            out.add(describe(kind, (Provider<?>) instance, origin));
        }
        return out;
    }

    /** Asks a provider to describe itself, isolating every call. */
    private static Found describe(PluginKind kind, Provider<?> provider, Origin origin) {
        String className = provider.getClass().getName();
        String name;
        String description;
        String version;
        int priority;
        PluginKind declaredKind;
        try {
            name = provider.name();
            description = provider.description();
            version = provider.version();
            priority = provider.priority();
            declaredKind = provider.kind();
        } catch (RuntimeException | LinkageError e) {
            return failed(kind, className, origin, "failed to describe itself: " + describeError(e));
        }
        if (name == null || name.isBlank()) {
            return failed(kind, className, origin, "its name() is " + (name == null ? "null" : "blank"));
        }
        Availability availability;
        if (declaredKind != kind) {
            availability = Availability.unavailable("declares kind " + declaredKind + " but is registered as a "
                    + kind.label() + " plugin");
        } else {
            try {
                availability = provider.availability();
                if (availability == null) {
                    availability = Availability.unavailable("its availability() is null");
                }
            } catch (RuntimeException | LinkageError e) {
                availability = Availability.unavailable("availability check failed: " + describeError(e));
            }
        }
        PluginInfo info = new PluginInfo(kind, name, description == null ? "" : oneLine(description),
                version == null ? "unknown" : version, origin.display(), priority, availability, provider);
        return new Found(info, origin, className);
    }

    private static Found failed(PluginKind kind, String className, Origin origin, String reason) {
        PluginInfo info = new PluginInfo(kind, className, "", "unknown", origin.display(), 0,
                Availability.unavailable(reason), null);
        return new Found(info, origin, className);
    }

    /** The provider classes named in the service files {@code loader} sees, in order, with the file's origin. */
    private static Map<String, Origin> declaredProviders(Class<?> service, ClassLoader loader) {
        Map<String, Origin> declared = new LinkedHashMap<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + service.getName());
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                Origin origin = originOfServiceFile(file);
                try (InputStream in = file.openStream();
                        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        int hash = line.indexOf('#');
                        String cn = (hash >= 0 ? line.substring(0, hash) : line).trim();
                        if (!cn.isEmpty()) {
                            declared.putIfAbsent(cn, origin);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // ServiceLoader reports unreadable service files itself; this map only improves attribution.
        }
        return declared;
    }

    private static int attribute(Throwable error, List<String> order, int cursor) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 10_000; t = t.getCause()) {
            text.append(' ').append(t.getMessage()).append(' ');
        }
        for (int i = 0; i < order.size(); i++) {
            if (containsName(text, order.get(i))) {
                return i;
            }
        }
        return cursor < order.size() ? cursor : -1;
    }

    private static boolean containsName(CharSequence text, String name) {
        String s = text.toString();
        for (int from = s.indexOf(name); from >= 0; from = s.indexOf(name, from + 1)) {
            int end = from + name.length();
            boolean startOk = from == 0 || !isNamePart(s.charAt(from - 1));
            boolean endOk = end == s.length() || !isNamePart(s.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNamePart(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }

    private static Origin originOf(Class<?> type) {
        try {
            ProtectionDomain domain = type.getProtectionDomain();
            CodeSource code = domain == null ? null : domain.getCodeSource();
            URL location = code == null ? null : code.getLocation();
            return location == null ? Origin.UNKNOWN : originOfLocation(location);
        } catch (SecurityException e) {
            return Origin.UNKNOWN;
        }
    }

    private static Origin originOfServiceFile(URL file) {
        try {
            String s = file.toString();
            if (s.startsWith("jar:")) {
                int bang = s.indexOf("!/");
                if (bang > 0) {
                    return originOfLocation(URI.create(s.substring(4, bang)).toURL());
                }
            } else if ("file".equals(file.getProtocol())) {
                Path root = Path.of(file.toURI()).getParent().getParent().getParent();
                return new Origin(root.toString(), root.toString());
            }
            return new Origin(s, s);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Origin.UNKNOWN;
        }
    }

    private static Origin originOfLocation(URL location) {
        try {
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                return new Origin(path.toString(), path.toString());
            }
            Path fileName = path.getFileName();
            return new Origin(fileName == null ? path.toString() : fileName.toString(), path.toString());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException | SecurityException e) {
            return new Origin(location.toString(), location.toString());
        }
    }

    /** {@code a.jar and b.jar}; full paths if the file names are equal; class names if the source is one. */
    private static String joinSources(List<Found> same) {
        List<String> display = same.stream().map(f -> f.origin().display()).toList();
        List<String> full = same.stream().map(f -> f.origin().full()).toList();
        if (Set.copyOf(display).size() == display.size()) {
            return joinAnd(display);
        }
        if (Set.copyOf(full).size() == full.size()) {
            return joinAnd(full);
        }
        return joinAnd(same.stream().map(f -> f.className() + " (" + f.origin().display() + ")").toList());
    }

    private static String joinAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /**
     * The reason a provider failed to load: the exception of its constructor or static initialiser if that is what
     * failed, otherwise ServiceLoader's own message without the service name in front (plus its cause, if any).
     */
    private static String describeLoadError(Throwable e, Class<?> service) {
        if (!(e instanceof ServiceConfigurationError)) {
            return describeError(e);
        }
        String message = String.valueOf(e.getMessage());
        String prefix = service.getName() + ": ";
        message = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        if (e.getCause() == null) {
            return oneLine(message);
        }
        if (e.getCause() instanceof NoSuchMethodException) {
            return "no public no-argument constructor";
        }
        if (message.endsWith("could not be instantiated")) {
            return describeError(e.getCause());
        }
        return oneLine(message + ": " + describeError(e.getCause()));
    }

    /** {@code IllegalStateException: no GPU}, unwrapping reflective and initialiser wrappers; one line. */
    static String describeError(Throwable e) {
        Throwable shown = e;
        while ((shown instanceof ExceptionInInitializerError || shown instanceof ServiceConfigurationError
                || shown instanceof java.lang.reflect.InvocationTargetException) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        return oneLine(shown.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
