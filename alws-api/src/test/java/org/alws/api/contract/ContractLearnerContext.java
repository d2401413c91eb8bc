package org.alws.api.contract;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.alws.api.backend.Workspace;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.Optimizer;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.regress.Regressor;
import org.alws.api.tensor.Shape;

/**
 * The {@link LearnerContext} the learner contract gives a learner, laid out as the framework's run context does:
 * parameters of each owner under {@code owner/}, initialised from the root stream's {@code init/<owner>}; the
 * learner's draws from {@code learner}; the structure found by tracing the model once.
 */
final class ContractLearnerContext implements LearnerContext {
    private final Workspace workspace;
    private final GenerativeModel model;
    private final SeedStream root;
    private final Optimizer optimizer;
    private final Optional<Regressor> regressor;
    private final Shape exampleShape;
    private final int batchSize;
    private final long datasetSize;
    private final Map<String, Parameters> owners = new ConcurrentHashMap<>();
    private final ModelStructure structure;

    ContractLearnerContext(Workspace workspace, GenerativeModel model, SeedStream root, Optimizer optimizer,
            Optional<Regressor> regressor, Shape exampleShape, int batchSize, long datasetSize) {
        this.workspace = workspace;
        this.model = model;
        this.root = root;
        this.optimizer = optimizer;
        this.regressor = regressor;
        this.exampleShape = exampleShape;
        this.batchSize = batchSize;
        this.datasetSize = datasetSize;
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
        return owners.computeIfAbsent(owner, o -> new Parameters(workspace, root.child("init").child(o), o + "/"));
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

    /** No clipping: the contract checks the learner's own gradients. */
    @Override
    public double clipNorm() {
        return 0;
    }

    @Override
    public Optional<Regressor> regressor() {
        return regressor;
    }
}
