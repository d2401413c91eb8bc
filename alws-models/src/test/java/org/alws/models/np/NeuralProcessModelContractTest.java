package org.alws.models.np;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.alws.api.contract.ModelContract;
import org.alws.api.model.GenerativeModel;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;

/** The published {@link ModelContract} on a small neural process (L = 3, 8 hidden units), at random inputs. */
class NeuralProcessModelContractTest extends ModelContract {
    private static final int CONTEXT = 2;
    private static final int TARGETS = 3;

    @Override
    protected GenerativeModel model() {
        return new NeuralProcessModel(new NeuralProcessModelProvider.Options(3, 8, CONTEXT, TARGETS));
    }

    @Override
    protected Map<String, HostArray> inputs(int batch) {
        SplittableRandom r = new SplittableRandom(batch);
        double[] x = new double[batch * TARGETS];
        double[] y = new double[batch * CONTEXT];
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.PI + 2 * Math.PI * r.nextDouble();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = -1 + 2 * r.nextDouble();
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("x", HostArray.of(Shape.of(batch, TARGETS), x));
        in.put("contextY", HostArray.of(Shape.of(batch, CONTEXT), y));
        return in;
    }
}
