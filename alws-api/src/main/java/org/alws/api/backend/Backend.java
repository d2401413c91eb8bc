package org.alws.api.backend;

import org.alws.api.config.NoOptions;
import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * A provider of compute: traces {@link org.alws.api.tensor.TensorOps} programs into a native graph with automatic
 * differentiation and runs them. TensorFlow Java is the reference backend. A backend whose native library cannot be
 * loaded reports itself unavailable with the reason, rather than failing to load.
 */
public interface Backend extends Provider<NoOptions> {

    @Override
    default PluginKind kind() {
        return PluginKind.BACKEND;
    }

    /** Opens a new workspace. */
    Workspace open(WorkspaceOptions options);
}
