package org.alws.core.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.alws.api.StorageException;

/**
 * Replaces files atomically: the content goes to a temporary file in the same directory, is forced to disk, and is
 * moved over the target in one atomic rename, after which the directory is forced too (where the platform allows).
 * Readers see either the old file or the complete new one, also after a crash. Temporary files are named
 * {@code .<target name>.<random>.tmp}.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes content to a stream; the stream is buffered and must not be closed by the writer. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces (or creates) {@code target} with {@code bytes}.
     *
     * @throws StorageException naming the file if it cannot be written
     */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes), FaultInjector.NONE, "");
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code content} writes.
     *
     * @throws StorageException naming the file if it cannot be written
     */
    public static void write(Path target, Content content) {
        write(target, content, FaultInjector.NONE, "");
    }

    /** True if {@code file}'s name is that of a temporary file left by an interrupted write. */
    public static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * As {@link #write(Path, Content)}, calling {@code faults} at {@code <prefix>.written} (content complete but not
     * yet on disk under the target name) for crash tests; the content writer may call it too.
     */
    static void write(Path target, Content content, FaultInjector faults, String prefix) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            tmp = createTemporary(dir, absolute.getFileName().toString());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            faults.at(prefix + ".written");
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StorageException("cannot write " + absolute + ": its file system does not support atomic"
                        + " renames", e);
            }
            moved = true;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new StorageException("cannot write " + absolute + ": " + describe(e), e);
        } finally {
            if (!moved && tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // A leftover temporary file is harmless: readers never look at it, writers clean it up.
                }
            }
        }
    }

    /** Forces a directory's entries to disk; best effort, as not every platform can open a directory. */
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; the rename itself is still atomic there.
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.replaceAll("\\s*\\R\\s*", " "));
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            Path tmp = dir.resolve("." + name + "." + suffix + ".tmp");
            try {
                // Unlike Files.createTempFile, this keeps the default permissions of new files.
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
