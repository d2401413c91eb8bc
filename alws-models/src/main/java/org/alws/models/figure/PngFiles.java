package org.alws.models.figure;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.alws.api.StorageException;

/** Writes images as PNG files atomically (a temporary file in the same directory, then a move). */
public final class PngFiles {
    private PngFiles() {
    }

    /**
     * Writes {@code image} to {@code png}, creating its directory; an existing file is replaced only once the new
     * one is complete.
     *
     * @throws StorageException naming the file if it cannot be written
     */
    public static void write(BufferedImage image, Path png) {
        Path dir = png.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".figure", ".png");
            try {
                if (!ImageIO.write(image, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer");
                }
                Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new StorageException(png + ": cannot write the picture: " + e.getMessage(), e);
        }
    }
}
