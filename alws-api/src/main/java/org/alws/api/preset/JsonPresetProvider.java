package org.alws.api.preset;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A preset whose configurations are JSON resources beside the subclass (read with {@link JsonConfiguration} each
 * time they are asked for, so a broken resource makes that preset fail, not discovery). A subclass only names
 * itself and its resources:
 *
 * <pre>{@code
 * @AutoService(PresetProvider.class)
 * public final class MyPreset extends JsonPresetProvider {
 *     public MyPreset() {
 *         super("my-preset", "what it trains, and the picture it makes", "my-preset.json", "my-preset-paper.json");
 *     }
 * }
 * }</pre>
 */
public abstract class JsonPresetProvider implements PresetProvider {
    private final String name;
    private final String description;
    private final String resource;
    private final String paperResource;

    /**
     * @param name the preset's name
     * @param description one line: what it trains and the picture it makes
     * @param resource the configuration's resource, relative to the subclass's package
     * @param paperResource the paper variant's resource, or {@code null} if there is none
     */
    protected JsonPresetProvider(String name, String description, String resource, String paperResource) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.paperResource = paperResource;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public Map<String, Object> configuration() {
        return JsonConfiguration.resource(getClass(), resource);
    }

    @Override
    public Optional<Map<String, Object>> paperConfiguration() {
        return paperResource == null ? Optional.empty()
                : Optional.of(JsonConfiguration.resource(getClass(), paperResource));
    }
}
