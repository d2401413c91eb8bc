package org.alws.api.model;

import java.nio.file.Path;
import java.util.Objects;
import org.alws.api.backend.Workspace;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;

/**
 * What {@link DrawsFigures} gets: where to write, the trained model with its parameters in their workspace, the
 * run's data with the data set's options and seed stream (so that a synthetic set's generator can be rebuilt), and a
 * seed stream of its own for any draws.
 *
 * @param directory the run's plots directory (exists)
 * @param workspace the run's workspace
 * @param model the run's model
 * @param parameters the model's trained parameters
 * @param data the run's training and held-out data
 * @param dataOptions the data set's options record
 * @param dataSeeds the seed stream the data set was loaded with
 * @param seeds a stream reserved for the figures' own draws
 */
public record FigureContext(Path directory, Workspace workspace, GenerativeModel model, Parameters parameters,
        DataSplits data, Record dataOptions, SeedStream dataSeeds, SeedStream seeds) {
    /** Checks that nothing is missing. */
    public FigureContext {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dataOptions, "dataOptions");
        Objects.requireNonNull(dataSeeds, "dataSeeds");
        Objects.requireNonNull(seeds, "seeds");
    }
}
