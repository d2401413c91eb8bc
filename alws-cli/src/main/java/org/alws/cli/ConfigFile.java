package org.alws.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.api.StorageException;
import org.alws.core.run.Json;
import org.alws.core.train.RunConfig;

/**
 * A run configuration file given with {@code --config}: a JSON object in the layout of
 * {@link RunConfig#toMap()} (and of a run's {@code config.json}, whose {@code formatVersion} is ignored), of which
 * every key is optional.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * {@code base} with the settings of {@code file} applied.
     *
     * @throws ConfigException naming the file for a missing file, a JSON syntax error (with line and column), or a
     *     setting of the wrong type or out of range
     * @throws StorageException if the file exists but cannot be read
     */
    static RunConfig apply(Path file, RunConfig base) {
        Map<String, Object> map = read(file);
        try {
            return RunConfig.fromMap(map, base);
        } catch (ConfigException e) {
            throw e.in("config file " + file);
        }
    }

    /** The JSON object in {@code file}, as plain maps and lists. */
    static Map<String, Object> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", "config file " + file + " does not exist");
        } catch (IOException e) {
            throw new StorageException("cannot read config file " + file + ": " + ErrorHandler.oneLine(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            ConfigException ce = new ConfigException("--config", "config file " + file + " is not valid JSON"
                    + where + ": " + ErrorHandler.oneLine(e.getOriginalMessage()));
            ce.initCause(e);
            throw ce;
        } catch (IOException e) {
            throw new StorageException("cannot read config file " + file + ": " + ErrorHandler.oneLine(
                    e.getMessage()), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ConfigException("--config", "config file " + file + " is empty; expected a JSON object");
        }
        if (!node.isObject()) {
            throw new ConfigException("--config", "config file " + file + " holds a JSON "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + "; expected a JSON object");
        }
        return Json.toMap(node);
    }
}
