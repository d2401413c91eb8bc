package org.alws.api.learn;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * in {@code opt/step}.
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
            sq = sq.add(g.square().sum());
        }
        Tensor norm = sq.sqrt();
        Tensor ok = ops.binary(BinaryOp.AND, loss.isFinite(), norm.isFinite());
        Tensor scale = clipNorm > 0 ? norm.add(1e-12).reciprocal().mul(clipNorm).minimum(1.0) : null;

        Variable stepVar = workspace.variable(stepVariable, HostArray.of(Shape.scalar(), ops.floatType(),
                new double[] {0.0}));
        Tensor step = ops.read(stepVar);
        Tensor next = step.add(1.0);
        ops.assign(stepVar, ops.where(ok, next, step));

        for (Map.Entry<Variable, Tensor> e : gradients.entrySet()) {
            Variable v = e.getKey();
            Tensor grad = scale == null ? e.getValue() : e.getValue().mul(scale);
            // Zero a non-finite gradient so the (discarded) update stays finite.
            grad = ops.where(ok, grad, ops.zeros(grad.shape()));
            Map<String, Variable> slotVars = new LinkedHashMap<>();
            Map<String, Tensor> slots = new LinkedHashMap<>();
            for (String slot : optimizer.slotNames()) {
                Variable sv = workspace.variable("opt/" + v.name() + "/" + slot, HostArray.zeros(v.shape(), v.dtype()));
                slotVars.put(slot, sv);
                slots.put(slot, ops.read(sv));
            }
            Tensor value = ops.read(v);
            Optimizer.Update u = optimizer.update(value, grad, slots, next);
            ops.assign(v, ops.where(ok, u.value(), value));
            for (Map.Entry<String, Variable> s : slotVars.entrySet()) {
                Tensor newSlot = u.slots().get(s.getKey());
                if (newSlot == null) {
                    throw new IllegalStateException("optimizer did not return slot '" + s.getKey() + "'");
                }
                ops.assign(s.getValue(), ops.where(ok, newSlot, slots.get(s.getKey())));
            }
        }
        return norm;
    }
}
