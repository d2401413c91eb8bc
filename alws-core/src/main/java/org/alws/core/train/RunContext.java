package org.alws.core.train;

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

/** The {@link LearnerContext} of one run. Parameters of each owner are created under {@code owner/}. */
public final class RunContext implements LearnerContext {
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
     * @param root the run's root seed stream: parameters initialise from {@code init/<owner>}, the learner draws
     *     from {@code learner}
     */
    public RunContext(Workspace workspace, GenerativeModel model, SeedStream root, Optimizer optimizer,
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
