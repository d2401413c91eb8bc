package org.alws.api.data;

import org.alws.api.plugin.PluginKind;
import org.alws.api.plugin.Provider;
import org.alws.api.random.SeedStream;

/**
 * The service interface of data set plugins: files read from disk, or synthetic sets generated from a seed.
 *
 * @param <O> the data set's options record
 */
public interface DatasetProvider<O extends Record> extends Provider<O> {

    @Override
    default PluginKind kind() {
        return PluginKind.DATASET;
    }

    /**
     * Loads or generates the data.
     *
     * @param seeds the run's {@code data} stream, for synthetic sets and random splits
     * @throws org.alws.api.DataException naming the file and what is wrong with it
     */
    DataSplits load(O options, SeedStream seeds);
}
