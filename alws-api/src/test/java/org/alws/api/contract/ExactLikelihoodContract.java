package org.alws.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.model.ExactLikelihood;
import org.alws.api.model.SiteKind;
import org.alws.api.model.TraceResult;
import org.alws.api.model.Traces;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The {@link ModelContract} of a model that implements {@link ExactLikelihood}, plus its likelihood checked against a
 * Monte Carlo estimate, log mean_k p(x | z_k) over prior draws z_k, at three drawn examples.
 */
public abstract class ExactLikelihoodContract extends ModelContract {

    /** Number of prior draws per example in the Monte Carlo estimate of log p(x). */
    protected int exactLikelihoodSamples() {
        return 20_000;
    }

    /** The largest accepted |exact log p(x) − Monte Carlo log mean_k p(x | z_k)|, in nats. */
    protected double exactLikelihoodTolerance() {
        return 0.05;
    }

    @Test
    public void exactLikelihoodAgreesWithAMonteCarloEstimate() {
        double tolerance = exactLikelihoodTolerance();
        int examples = 3;
        int k = exactLikelihoodSamples();
        List<Drawn> sites = draw(workspace, parameters, examples, drawSeed(6));
        Drawn observed = sites.stream().filter(d -> d.kind() == SiteKind.OBSERVED).findFirst().orElseThrow();
        HostArray data = observed.value();
        double[] exact = ((ExactLikelihood) model).logLikelihood(data, parameters.values());
        assertThat(exact).as("exact log-likelihoods").hasSize(examples);
        Shape event = data.shape().tail(1);
        CompiledFunction mc = workspace.compile(name("likelihood"), List.of(new TensorSpec(event.prepend(1),
                data.dtype()), TensorSpec.of(DType.INT64, 2)), (ops, in) -> {
                    Tensor x = ops.broadcastTo(in.get(0), event.prepend(k));
                    TraceResult r = Traces.run(model, ops, parameters, k, Map.of(observed.name(), x), in.get(1));
                    return List.of(r.logLikelihood().logMeanExp(0));
                });
        for (int m = 0; m < examples; m++) {
            double estimate = copy(mc.call(data.rows(m, m + 1), drawSeed(100 + m))).get(0).scalarValue();
            assertThat(exact[m]).as("exact log p(x) of example %d vs the estimate from %d prior draws", m, k)
                    .isFinite()
                    .isCloseTo(estimate, within(tolerance));
        }
    }
}
