package org.alws.core.eval.image;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.alws.api.data.Dataset;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.core.run.Checkpoint;
import org.alws.core.run.DataHash;
import org.alws.core.run.RunDirectory;

/**
 * Trained image classifiers on disk, one file per key ({@code <key>.ckpt} in the checkpoint format, so a damaged
 * file is detected by its checksum), with the figures computed once per classifier (its test accuracy and the
 * FID/KID floor and noise ceiling per sample count). The key is the SHA-256 of the classifier's settings and of the
 * bytes, shape and type of both splits' images and their labels: other data or settings never hit another's entry.
 * Entries are written atomically (temporary file, then rename); one that cannot be read is reported in one line and
 * treated as missing, so the classifier is trained again and the entry replaced.
 */
public final class ClassifierCache {
    /** The environment variable naming the cache root. */
    public static final String ENVIRONMENT_VARIABLE = "ALWS_CACHE";
    /** The subdirectory of the cache root holding the classifiers. */
    public static final String SUBDIRECTORY = "image-classifiers";
    private static final String FORMAT = "alws-image-classifier-1";
    private static final String BASELINE_PREFIX = "baseline/";
    private static final Map<Dataset, String> DATA_HASHES = Collections.synchronizedMap(new WeakHashMap<>());

    private final Path directory;
    private final Consumer<String> warnings;

    /**
     * @param directory where the entries are (created when the first is written)
     * @param warnings receives one line per unreadable entry
     */
    public ClassifierCache(Path directory, Consumer<String> warnings) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * The directory of classifiers under {@code root}, or, if it is blank, under {@code $ALWS_CACHE}, else
     * {@code ~/.cache/alws}.
     */
    public static Path directory(String root, Map<String, String> environment) {
        Path base;
        if (root != null && !root.isBlank()) {
            base = Path.of(root);
        } else {
            String env = environment.get(ENVIRONMENT_VARIABLE);
            base = env != null && !env.isBlank() ? Path.of(env)
                    : Path.of(System.getProperty("user.home"), ".cache", "alws");
        }
        return base.resolve(SUBDIRECTORY);
    }

    public Path directory() {
        return directory;
    }

    /** A cached classifier and the figures computed with it. */
    public record Entry(ImageClassifier classifier, Map<String, Double> baselines) {
        /** Copies the figures. */
        public Entry {
            Objects.requireNonNull(classifier, "classifier");
            baselines = Collections.unmodifiableMap(new TreeMap<>(baselines));
        }

        /** The figures of sample count {@code samples}, by name, if computed. */
        public Optional<Map<String, Double>> baselines(int samples) {
            String prefix = samples + "/";
            Map<String, Double> out = new TreeMap<>();
            baselines.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    out.put(k.substring(prefix.length()), v);
                }
            });
            return out.isEmpty() ? Optional.empty() : Optional.of(out);
        }

        /** This entry with the figures of sample count {@code samples} added. */
        public Entry withBaselines(int samples, Map<String, Double> figures) {
            Map<String, Double> all = new TreeMap<>(baselines);
            figures.forEach((k, v) -> all.put(samples + "/" + k, v));
            return new Entry(classifier, all);
        }
    }

    /**
     * The key of the classifier trained with {@code settings} on {@code train} and tested on {@code test}. The
     * splits' hashes are remembered per data set object, so a run's repeated evaluations hash its data once.
     *
     * @throws org.alws.api.ConfigException if a split has no labels
     */
    public static String key(Dataset train, Dataset test, ClassifierSettings settings) {
        MessageDigest md = sha256();
        md.update((FORMAT + "\n" + settings.describe() + "\n" + dataHash(train, "training") + "\n"
                + dataHash(test, "test")).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String dataHash(Dataset data, String split) {
        String cached = DATA_HASHES.get(data);
        if (cached != null) {
            return cached;
        }
        int[] labels = data.labels().orElseThrow(() -> new org.alws.api.ConfigException("data", "the image "
                + "classifier of FID and KID trains on class labels, but the " + split + " split of this data set"
                + " has none; use a labelled image data set (e.g. fashion-mnist or mnist)"));
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        arrays.put("images", data.all());
        arrays.put("labels", HostArray.ofInts(Shape.of(labels.length), labels));
        String hash = DataHash.sha256(arrays);
        DATA_HASHES.put(data, hash);
        return hash;
    }

    /** The file of {@code key}. */
    public Path file(String key) {
        return directory.resolve(key + ".ckpt");
    }

    /**
     * The entry of {@code key}, or empty if there is none or it cannot be read (which is reported in one line to
     * the warnings).
     */
    public Optional<Entry> load(String key, ClassifierSettings settings) {
        Path file = file(key);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(RunDirectory.readCheckpointFile(file), key, settings));
        } catch (RuntimeException e) {
            warnings.accept("warning: cached image classifier " + file + " is unreadable (" + oneLine(e)
                    + "); training it again");
            return Optional.empty();
        }
    }

    /**
     * Writes the entry of {@code key}, atomically.
     *
     * @throws org.alws.api.StorageException naming the file if it cannot be written
     */
    public void store(String key, Entry entry) {
        ImageClassifier c = entry.classifier();
        Map<String, String> state = new LinkedHashMap<>();
        state.put("format", FORMAT);
        state.put("key", key);
        state.put("settings", c.settings().describe());
        ImageGeometry g = c.geometry();
        state.put("geometry", g.height() + "," + g.width() + "," + g.channels());
        state.put("classes", Integer.toString(c.classes()));
        state.put("testAccuracy", Double.toString(c.testAccuracy()));
        entry.baselines().forEach((k, v) -> state.put(BASELINE_PREFIX + k, Double.toString(v)));
        RunDirectory.writeCheckpointFile(file(key), new Checkpoint(0, c.weights(), state));
    }

    private static Entry decode(Checkpoint ckpt, String key, ClassifierSettings settings) {
        Map<String, String> state = ckpt.state();
        require(FORMAT.equals(state.get("format")), "format is " + state.get("format") + ", expected " + FORMAT);
        require(key.equals(state.get("key")), "it holds key " + state.get("key"));
        require(settings.describe().equals(state.get("settings")), "it was trained with " + state.get("settings"));
        String[] g = Objects.requireNonNull(state.get("geometry"), "no geometry").split(",");
        require(g.length == 3, "geometry is " + state.get("geometry"));
        ImageGeometry geometry = new ImageGeometry(Integer.parseInt(g[0]), Integer.parseInt(g[1]),
                Integer.parseInt(g[2]));
        int classes = Integer.parseInt(Objects.requireNonNull(state.get("classes"), "no class count"));
        double accuracy = Double.parseDouble(Objects.requireNonNull(state.get("testAccuracy"), "no accuracy"));
        Map<String, Double> baselines = new TreeMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(BASELINE_PREFIX)) {
                baselines.put(k.substring(BASELINE_PREFIX.length()), Double.parseDouble(v));
            }
        });
        return new Entry(new ImageClassifier(settings, geometry, classes, ckpt.variables(), accuracy), baselines);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
