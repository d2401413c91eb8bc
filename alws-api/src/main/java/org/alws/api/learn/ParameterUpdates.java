package org.alws.api.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;

/**
 * Applies an optimiser to gradients inside a function being traced. The update is guarded: if the loss or any
 * gradient is not finite, no variable changes (parameters, slots and step count keep their values) and the caller
 * sees the non-finite loss or norm and stops. Slots live in variables {@code opt/<variable>/<slot>}, the step count
 * in {@code opt/step}. The guard is {@link TensorOps#assignIf}, which a backend may implement by not running the
 * writes at all; an optimiser that is Adam ({@link Optimizer#adam()}) is applied by the backend's fused operation
 * when its operations offer one ({@link FusedAdam}).
 */
public final class ParameterUpdates {
    /** Name of the variable holding the number of updates applied so far. */
    public static final String STEP_VARIABLE = "opt/step";

    private ParameterUpdates() {
    }

    /**
     * Adds the guarded update of every variable to the function being traced.
     *
     * @param gradients the gradient of the loss with respect to each variable's value
     * @param loss the scalar loss, checked for finiteness
     * @param clipNorm if positive, gradients are scaled so that their global norm is at most this
     * @return the global gradient norm (before clipping), a scalar
     */
    public static Tensor apply(TensorOps ops, Workspace workspace, Optimizer optimizer,
            Map<Variable, Tensor> gradients, Tensor loss, double clipNorm) {
        return apply(ops, workspace, optimizer, gradients, loss, clipNorm, STEP_VARIABLE);
    }

    /**
     * As {@link #apply(TensorOps, Workspace, Optimizer, Map, Tensor, double)}, counting steps in the variable
     * {@code stepVariable}: a second group of parameters with its own schedule (e.g. a regressor's learned
     * hyper-parameters, {@code opt/regressor/step}) keeps its own count.
     */
    public static Tensor apply(TensorOps ops, Workspace workspace, Optimizer optimizer,
            Map<Variable, Tensor> gradients, Tensor loss, double clipNorm, String stepVariable) {
        Tensor sq = ops.scalar(0.0);
        for (Tensor g : gradients.values()) {
            sq = sq.add(ops.sumOfSquares(g));
        }
        Tensor norm = sq.sqrt();
        Tensor ok = ops.binary(BinaryOp.AND, loss.isFinite(), norm.isFinite());
        Tensor scale = clipNorm > 0 ? norm.add(1e-12).reciprocal().mul(clipNorm).minimum(1.0) : null;

        Variable stepVar = workspace.variable(stepVariable, HostArray.of(Shape.scalar(), ops.floatType(),
                new double[] {0.0}));
        Tensor next = ops.read(stepVar).add(1.0);
        ops.assignIf(ok, stepVar, next);

        Optional<Optimizer.AdamSettings> adam = ops instanceof FusedAdam ? optimizer.adam() : Optional.empty();
        if (adam.isPresent() && optimizer.slotNames().size() != 2) {
            throw new IllegalStateException("an Adam optimizer has two slots (the moments), got "
                    + optimizer.slotNames());
        }
        for (Map.Entry<Variable, Tensor> e : gradients.entrySet()) {
            Variable v = e.getKey();
            Tensor grad = scale == null ? e.getValue() : e.getValue().mul(scale);
            Map<String, Variable> slotVars = new LinkedHashMap<>();
            for (String slot : optimizer.slotNames()) {
                slotVars.put(slot, workspace.variable("opt/" + v.name() + "/" + slot,
                        HostArray.zeros(v.shape(), v.dtype())));
            }
            if (adam.isPresent()) {
                List<Variable> moments = List.copyOf(slotVars.values());
                ((FusedAdam) ops).applyAdam(v, moments.get(0), moments.get(1), grad, next, adam.get(), ok);
                continue;
            }
            Map<String, Tensor> slots = new LinkedHashMap<>();
            for (Map.Entry<String, Variable> s : slotVars.entrySet()) {
                slots.put(s.getKey(), ops.read(s.getValue()));
            }
            // A non-finite gradient gives a non-finite update, which the guard discards.
            Optimizer.Update u = optimizer.update(ops.read(v), grad, slots, next);
            ops.assignIf(ok, v, u.value());
            for (Map.Entry<String, Variable> s : slotVars.entrySet()) {
                Tensor newSlot = u.slots().get(s.getKey());
                if (newSlot == null) {
                    throw new IllegalStateException("optimizer did not return slot '" + s.getKey() + "'");
                }
                ops.assignIf(ok, s.getValue(), newSlot);
            }
        }
        return norm;
    }
}
