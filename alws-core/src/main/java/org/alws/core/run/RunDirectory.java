package org.alws.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alws.api.StorageException;

/**
 * The directory of one training run:
 *
 * <pre>
 * &lt;run&gt;/
 *   config.json        the full resolved configuration, with "formatVersion"
 *   provenance.json    versions, platform, time, seed, plugins, data hash ({@link Provenance})
 *   metrics.jsonl      one JSON object per logged step or evaluation ({@link MetricsLog})
 *   checkpoints/       step-000001200.ckpt files ({@link Checkpoint}) and "latest", naming the newest
 *   plots/             PNG figures
 * </pre>
 *
 * <p>{@link #create} never reuses a directory that holds anything; {@link #open} accepts only a run directory of the
 * supported {@linkplain #FORMAT_VERSION format version}. Every file but the metrics log is replaced atomically (see
 * {@link AtomicFiles}), so a crash leaves either the old or the new version, never a mixture. Checkpoints are kept
 * for the last {@link #keepCheckpoints()} steps; older ones are deleted only once the new one and {@code latest} are
 * safely in place. One process writes a run directory at a time.
 */
public final class RunDirectory {
    /** The version of the run directory layout and checkpoint format this alws writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** How many checkpoints are kept unless {@link #withKeepCheckpoints} says otherwise. */
    public static final int DEFAULT_KEEP_CHECKPOINTS = 3;
    /** The configuration file. */
    public static final String CONFIG_FILE = "config.json";
    /** The provenance file. */
    public static final String PROVENANCE_FILE = "provenance.json";
    /** The metrics file. */
    public static final String METRICS_FILE = "metrics.jsonl";
    /** The checkpoint subdirectory. */
    public static final String CHECKPOINTS_DIR = "checkpoints";
    /** The plot subdirectory. */
    public static final String PLOTS_DIR = "plots";
    /** The file in {@link #CHECKPOINTS_DIR} naming the newest checkpoint. */
    public static final String LATEST_FILE = "latest";

    private static final String FORMAT_KEY = "formatVersion";
    private static final Pattern CHECKPOINT_NAME = Pattern.compile("step-(\\d{9,19})\\.ckpt");

    private final Path dir;
    private final int keepCheckpoints;
    private final MetricsLog metrics;
    private final FaultInjector faults;

    private RunDirectory(Path dir, int keepCheckpoints, MetricsLog metrics, FaultInjector faults) {
        this.dir = dir;
        this.keepCheckpoints = keepCheckpoints;
        this.metrics = metrics;
        this.faults = faults;
    }

    /**
     * Makes the new run directory {@code parent/name} (and {@code parent} if needed), with its subdirectories and a
     * {@code config.json} holding only the format version until {@link #writeConfig} is called.
     *
     * @throws StorageException if {@code name} is not a plain directory name, if the directory exists and is not
     *     empty (it is never overwritten), or if it cannot be created
     */
    public static RunDirectory create(Path parent, String name) {
        Objects.requireNonNull(parent, "parent");
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..") || name.contains("/")
                || name.contains("\\") || name.indexOf('\0') >= 0 || !name.equals(name.strip())) {
            throw new StorageException("run name '" + name + "' is not a plain directory name");
        }
        Path dir = parent.resolve(name).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw new StorageException("run directory " + dir + " already exists and is not a directory", e);
                }
                if (!isEmpty(dir)) {
                    throw new StorageException("run directory " + dir + " already exists and is not empty;"
                            + " choose another run name or remove it", e);
                }
            }
            Files.createDirectories(dir.resolve(CHECKPOINTS_DIR));
            Files.createDirectories(dir.resolve(PLOTS_DIR));
        } catch (IOException e) {
            throw new StorageException("cannot create run directory " + dir + ": " + AtomicFiles.describe(e), e);
        }
        RunDirectory run = new RunDirectory(dir, DEFAULT_KEEP_CHECKPOINTS, new MetricsLog(dir.resolve(METRICS_FILE)),
                FaultInjector.NONE);
        run.writeConfig(Map.of());
        return run;
    }

    /**
     * Opens an existing run directory.
     *
     * @throws StorageException if it does not exist, is not a run directory (no readable {@code config.json} with
     *     an integer {@code formatVersion}), or has another format version
     */
    public static RunDirectory open(Path dir) {
        Path d = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        if (!Files.exists(d)) {
            throw new StorageException("run directory " + d + " does not exist");
        }
        if (!Files.isDirectory(d)) {
            throw new StorageException("run directory " + d + " is not a directory");
        }
        Path config = d.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            throw new StorageException(d + " is not a run directory: it has no " + CONFIG_FILE);
        }
        JsonNode root = Json.readTree(config);
        JsonNode version = root.get(FORMAT_KEY);
        if (!root.isObject() || version == null || !version.isIntegralNumber()) {
            throw new StorageException(d + " is not a run directory: its " + CONFIG_FILE + " has no integer "
                    + FORMAT_KEY);
        }
        if (!version.canConvertToInt() || version.intValue() != FORMAT_VERSION) {
            throw new StorageException("run directory " + d + " has format version " + version.asText()
                    + "; this alws reads format version " + FORMAT_VERSION);
        }
        return new RunDirectory(d, DEFAULT_KEEP_CHECKPOINTS, new MetricsLog(d.resolve(METRICS_FILE)),
                FaultInjector.NONE);
    }

    /** This run directory, keeping the last {@code k} checkpoints (at least 1). */
    public RunDirectory withKeepCheckpoints(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("keepCheckpoints is " + k + "; expected >= 1");
        }
        return new RunDirectory(dir, k, metrics, faults);
    }

    /** This run directory with a fault injector, for crash tests. */
    RunDirectory withFaults(FaultInjector injector) {
        return new RunDirectory(dir, keepCheckpoints, metrics, injector);
    }

    /** The directory, absolute. */
    public Path path() {
        return dir;
    }

    /** The run's name: the directory's name. */
    public String name() {
        return dir.getFileName().toString();
    }

    /** How many checkpoints are kept. */
    public int keepCheckpoints() {
        return keepCheckpoints;
    }

    /** The {@code plots/} directory, created if missing. */
    public Path plotsDir() {
        return ensureDirectory(dir.resolve(PLOTS_DIR));
    }

    /** The {@code checkpoints/} directory, created if missing. */
    public Path checkpointsDir() {
        return ensureDirectory(dir.resolve(CHECKPOINTS_DIR));
    }

    // ---------------------------------------------------------------------------------------------- config

    /**
     * Writes {@code config.json}: the full resolved run configuration, with {@code formatVersion} added (a value
     * given for it is replaced).
     *
     * @throws IllegalArgumentException if the map cannot be represented as JSON
     * @throws StorageException if the file cannot be written
     */
    public void writeConfig(Map<String, ?> config) {
        writeConfig(Json.toTree(Objects.requireNonNull(config, "config")));
    }

    /**
     * Writes {@code config.json} from a JSON object, with {@code formatVersion} added.
     *
     * @throws IllegalArgumentException if {@code config} is not a JSON object
     * @throws StorageException if the file cannot be written
     */
    public void writeConfig(JsonNode config) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("run configuration must be a JSON object, got "
                    + (config == null ? "null" : config.getNodeType()));
        }
        ObjectNode copy = ((ObjectNode) config).deepCopy();
        copy.put(FORMAT_KEY, FORMAT_VERSION);
        Json.writeFile(dir.resolve(CONFIG_FILE), copy);
    }

    /** The content of {@code config.json}, including {@code formatVersion}. */
    public ObjectNode readConfig() {
        return (ObjectNode) Json.readTree(dir.resolve(CONFIG_FILE));
    }

    // ---------------------------------------------------------------------------------------------- provenance

    /** Writes {@code provenance.json}. */
    public void writeProvenance(Provenance provenance) {
        Json.writeFile(dir.resolve(PROVENANCE_FILE), Objects.requireNonNull(provenance, "provenance"));
    }

    /**
     * The content of {@code provenance.json}.
     *
     * @throws StorageException naming the file if it is missing or malformed
     */
    public Provenance readProvenance() {
        return Json.readFile(dir.resolve(PROVENANCE_FILE), Provenance.class);
    }

    // ---------------------------------------------------------------------------------------------- metrics

    /** The metrics log, {@code metrics.jsonl}. */
    public MetricsLog metrics() {
        return metrics;
    }

    /** Appends one line to {@code metrics.jsonl}; see {@link MetricsLog#append}. */
    public void appendMetrics(long step, String kind, Map<String, ? extends Number> values) {
        metrics.append(step, kind, values);
    }

    /** Every record of {@code metrics.jsonl}; see {@link MetricsLog#read}. */
    public List<MetricsRecord> readMetrics() {
        return metrics.read();
    }

    // ---------------------------------------------------------------------------------------------- checkpoints

    /** The file name of the checkpoint of {@code step}: {@code step-000001200.ckpt}. */
    public static String checkpointFileName(long step) {
        return String.format("step-%09d.ckpt", step);
    }

    /**
     * Writes the checkpoint atomically to {@code checkpoints/step-NNNNNNNNN.ckpt} (temporary file, forced to disk,
     * atomic rename, directory forced), then points {@code checkpoints/latest} at it (atomically too), then deletes
     * all but the newest {@link #keepCheckpoints()} checkpoints and any temporary files left by interrupted writes.
     * A checkpoint of the same step is replaced.
     *
     * @return the checkpoint file
     * @throws StorageException if it cannot be written; the previous checkpoints are then untouched
     */
    public synchronized Path writeCheckpoint(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Path ckptDir = checkpointsDir();
        String name = checkpointFileName(checkpoint.step());
        Path file = ckptDir.resolve(name);
        AtomicFiles.write(file, out -> CheckpointFormat.write(checkpoint, out, faults), faults, "checkpoint");
        AtomicFiles.write(ckptDir.resolve(LATEST_FILE), out -> out.write((name + "\n")
                .getBytes(StandardCharsets.UTF_8)), faults, "latest");
        prune(ckptDir, file);
        return file;
    }

    /**
     * The checkpoint {@code checkpoints/latest} names, or, if there is no {@code latest}, the one of the highest
     * step; empty if there is no checkpoint. Never falls back silently: a damaged file is an error.
     *
     * @throws StorageException naming the file if {@code latest} names a missing file, or the checkpoint is
     *     truncated, corrupt or of another format version
     */
    public Optional<Checkpoint> readLatestCheckpoint() {
        return latestCheckpointFile().map(CheckpointFormat::read);
    }

    /** The file {@link #readLatestCheckpoint()} reads, if any. */
    public Optional<Path> latestCheckpointFile() {
        Path ckptDir = dir.resolve(CHECKPOINTS_DIR);
        Path latest = ckptDir.resolve(LATEST_FILE);
        if (Files.exists(latest)) {
            String name;
            try {
                name = Files.readString(latest, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new StorageException("cannot read " + latest + ": " + AtomicFiles.describe(e), e);
            }
            if (!CHECKPOINT_NAME.matcher(name).matches()) {
                throw new StorageException(latest + " is corrupt: it holds '" + name
                        + "', not a checkpoint file name");
            }
            Path file = ckptDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new StorageException(latest + " names " + name + ", which does not exist");
            }
            return Optional.of(file);
        }
        List<Path> all = checkpointFiles();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * The checkpoint of {@code step}.
     *
     * @throws StorageException naming the file if it is missing, truncated, corrupt or of another format version
     */
    public Checkpoint readCheckpoint(long step) {
        return CheckpointFormat.read(dir.resolve(CHECKPOINTS_DIR).resolve(checkpointFileName(step)));
    }

    /**
     * Reads a checkpoint file anywhere.
     *
     * @throws StorageException naming the file if it is missing, truncated, corrupt or of another format version
     */
    public static Checkpoint readCheckpointFile(Path file) {
        return CheckpointFormat.read(file);
    }

    /**
     * Writes a checkpoint file anywhere (e.g. a cache entry), atomically, in the format {@link #readCheckpointFile}
     * reads.
     *
     * @throws StorageException naming the file if it cannot be written
     */
    public static void writeCheckpointFile(Path file, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        AtomicFiles.write(file, out -> CheckpointFormat.write(checkpoint, out, FaultInjector.NONE),
                FaultInjector.NONE, "checkpoint");
    }

    /** The checkpoint files present, by increasing step. */
    public List<Path> checkpointFiles() {
        Path ckptDir = dir.resolve(CHECKPOINTS_DIR);
        if (!Files.isDirectory(ckptDir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ckptDir)) {
            for (Path p : entries) {
                if (stepOf(p) >= 0 && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list " + ckptDir + ": " + AtomicFiles.describe(e), e);
        }
        out.sort(Comparator.comparingLong(RunDirectory::stepOf));
        return List.copyOf(out);
    }

    /** Deletes stale temporary files and all checkpoints but {@code current} and the newest others, up to K. */
    private void prune(Path ckptDir, Path current) {
        List<Path> files = new ArrayList<>(checkpointFiles());
        files.remove(current);
        int keepOthers = keepCheckpoints - 1;
        List<Path> doomed = new ArrayList<>(files.subList(0, Math.max(0, files.size() - keepOthers)));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ckptDir)) {
            for (Path p : entries) {
                if (AtomicFiles.isTemporary(p)) {
                    doomed.add(p);
                }
            }
        } catch (IOException e) {
            // Listing failed: keep everything; the next checkpoint tries again.
            return;
        }
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Retention is housekeeping: a file that cannot be deleted now is deleted by a later checkpoint.
            }
        }
    }

    private static long stepOf(Path file) {
        Matcher m = CHECKPOINT_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static Path ensureDirectory(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new StorageException("cannot create " + p + ": " + AtomicFiles.describe(e), e);
        }
    }

    @Override
    public String toString() {
        return "RunDirectory[" + dir + "]";
    }
}
