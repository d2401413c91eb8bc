package org.alws.api.learn;

import java.util.Optional;
import org.alws.api.backend.Workspace;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Shape;

/** Everything a learner gets from the framework for one training run. */
public interface LearnerContext {

    Workspace workspace();

    GenerativeModel model();

    /** The model's sites and parameters. */
    ModelStructure structure();

    /** The model's parameters (namespace {@code model/}). */
    Parameters modelParameters();

    /** Parameters of another owner, e.g. {@code guide} or {@code regressor} (namespace {@code owner/}). */
    Parameters parameters(String owner);

    Optimizer optimizer();

    /** The learner's own seed stream. */
    SeedStream seeds();

    /** The shape of one data example. */
    Shape exampleShape();

    /** Number of examples per minibatch. */
    int batchSize();

    /** Number of training examples (factors are divided by it). */
    long datasetSize();

    /** Gradients are rescaled to this global norm if it is positive. */
    double clipNorm();

    /** The regressor chosen for the run, for learners that use one. */
    Optional<Regressor> regressor();
}
