package org.alws.baselines;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.DataException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.learn.LearnerContext;
import org.alws.api.learn.LearnerSession;
import org.alws.api.learn.StepResult;
import org.alws.api.model.Guide;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;

/**
 * A baseline learner prepared for one run: one compiled training function per batch size (compiled on first use),
 * seeded by the learner stream's {@code step} child at the step index.
 */
final class ParticleSession implements LearnerSession {
    private final ParticleLearner learner;
    private final LearnerContext context;
    private final Guide guide;
    private final SeedStream seeds;
    private final DType dataType;
    private final Map<Integer, CompiledFunction> functions = new HashMap<>();

    ParticleSession(ParticleLearner learner, LearnerContext context, Guide guide) {
        this.learner = learner;
        this.context = context;
        this.guide = guide;
        this.seeds = context.seeds().child("step");
        this.dataType = ParticleLearner.dataType(context);
        functions.put(context.batchSize(), learner.trainFunction(context, guide, context.batchSize()));
    }

    @Override
    public StepResult step(HostArray batch, long step) {
        if (!batch.allFinite()) {
            throw new DataException("step " + step + ": the data batch holds a non-finite value (NaN or infinity);"
                    + " no update was applied");
        }
        int b = Math.toIntExact(batch.shape().dim(0));
        CompiledFunction f = functions.computeIfAbsent(b, n -> learner.trainFunction(context, guide, n));
        long t0 = System.nanoTime();
        List<DeviceArray> out = f.call(batch.cast(dataType), seeds.statelessSeed(step));
        try {
            double loss = out.get(0).toHost().scalarValue();
            double norm = out.get(1).toHost().scalarValue();
            Map<String, Double> metrics = new LinkedHashMap<>();
            List<String> names = ParticleLearner.metricNames(f);
            for (int i = 0; i < names.size() && 2 + i < out.size(); i++) {
                metrics.put(names.get(i), out.get(2 + i).toHost().scalarValue());
            }
            metrics.put("seconds.step", (System.nanoTime() - t0) / 1e9);
            return new StepResult(loss, norm, metrics);
        } finally {
            out.forEach(DeviceArray::close);
        }
    }
}
