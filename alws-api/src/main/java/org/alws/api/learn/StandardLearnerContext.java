package org.alws.api.learn;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.alws.api.backend.Workspace;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Shape;

/**
 * The {@link LearnerContext} the framework gives a learner for one run, also for tests and programs that drive a
 * learner directly. Parameters of each owner live under {@code owner/} and are initialised from the root stream's
 * {@code init/<owner>}; the learner draws from the root stream's {@code learner}; the model's structure is found by
 * tracing it once in the workspace.
 */
public final class StandardLearnerContext implements LearnerContext {
    private final Workspace workspace;
    private final GenerativeModel model;
    private final ModelStructure structure;
    private final SeedStream root;
    private final Optimizer optimizer;
    private final Regressor regressor;
    private final Shape exampleShape;
    private final int batchSize;
    private final long datasetSize;
    private final double clipNorm;
    private final Map<String, Parameters> owners = new ConcurrentHashMap<>();

    /**
     * @param workspace where the learner compiles its functions and keeps its variables
     * @param model the model to learn
     * @param root the run's root seed stream
     * @param optimizer the optimiser of the run
     * @param regressor the regressor of the run, or null if there is none
     * @param exampleShape the shape of one data example
     * @param batchSize examples per step
     * @param datasetSize number of training examples
     * @param clipNorm gradient-norm clipping threshold (0: none)
     */
    public StandardLearnerContext(Workspace workspace, GenerativeModel model, SeedStream root, Optimizer optimizer,
            Regressor regressor, Shape exampleShape, int batchSize, long datasetSize, double clipNorm) {
        this.workspace = workspace;
        this.model = model;
        this.root = root;
        this.optimizer = optimizer;
        this.regressor = regressor;
        this.exampleShape = exampleShape;
        this.batchSize = batchSize;
        this.datasetSize = datasetSize;
        this.clipNorm = clipNorm;
        this.structure = ModelStructure.inspect(model, modelParameters());
    }

    @Override
    public Workspace workspace() {
        return workspace;
    }

    @Override
    public GenerativeModel model() {
        return model;
    }

    @Override
    public ModelStructure structure() {
        return structure;
    }

    @Override
    public Parameters modelParameters() {
        return parameters("model");
    }

    @Override
    public Parameters parameters(String owner) {
        return owners.computeIfAbsent(owner,
                o -> new Parameters(workspace, root.child("init").child(o), o + "/"));
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public SeedStream seeds() {
        return root.child("learner");
    }

    @Override
    public Shape exampleShape() {
        return exampleShape;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public long datasetSize() {
        return datasetSize;
    }

    @Override
    public double clipNorm() {
        return clipNorm;
    }

    @Override
    public Optional<Regressor> regressor() {
        return Optional.ofNullable(regressor);
    }
}
