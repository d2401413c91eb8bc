package org.alws.api.regress;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;

/**
 * The service interface of kernel plugins.
 *
 * @param <O> the kernel's options record
 */
public interface KernelProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.KERNEL;
    }

    Kernel create(O options);
}
