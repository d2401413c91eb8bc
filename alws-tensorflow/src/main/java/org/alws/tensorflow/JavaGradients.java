package org.alws.tensorflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.internal.c_api.TFJ_GradFuncAdapter;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.proto.DataType;

/**
 * Gradients written in Java for the operations whose gradient TensorFlow's C++ registry lacks. TensorFlow Java 1.1.0
 * crashes the JVM once more than ten gradient callbacks exist, so ONE dispatching callback is registered for every
 * op type and kept strongly reachable for the life of the process. Each gradient returns a tensor (never null) for
 * every op input: zeros for inputs that are not differentiable. Gradient code must not ask TensorFlow for static
 * shapes, because TensorFlow holds the graph's lock while it calls back (doing so deadlocks).
 */
final class JavaGradients {

    /** Computes the gradients of one op's inputs from the gradients of its outputs. */
    @FunctionalInterface
    interface Rule {
        List<Output<?>> gradients(RawOps ops, GraphOperation op, List<Output<?>> outputGrads);
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();
    private static TFJ_GradFuncAdapter adapter;
    private static boolean installed;

    static {
        RULES.put("Cholesky", JavaGradients::cholesky);
        RULES.put("MatrixTriangularSolve", JavaGradients::triangularSolve);
        RULES.put("MatrixSolve", JavaGradients::solve);
        RULES.put("MatrixInverse", JavaGradients::inverse);
        RULES.put("OnesLike", JavaGradients::zeros);
        RULES.put("Digamma", (o, op, g) -> List.of(o.mul(grad(g, 0, op, o), polygamma(o, 1, op.input(0)))));
        RULES.put("Polygamma", (o, op, g) -> List.of(o.zerosLike(op.input(0)), o.mul(grad(g, 0, op, o),
                o.op("Polygamma", o.add(op.input(0), o.op("OnesLike", op.input(0))), op.input(1)))));
        RULES.put("StatelessRandomGammaV2", JavaGradients::gamma);
        // Not differentiable: registered so that they may sit on a differentiated path (e.g. behind a StopGradient).
        RULES.put("TopKV2", JavaGradients::topK);
        for (String t : List.of("IsFinite", "ArgMax", "NthElement", "StatelessRandomUniform", "StatelessRandomNormal",
                "RandomGammaGrad", "CholeskyGrad")) {
            RULES.put(t, JavaGradients::zeros);
        }
    }

    private JavaGradients() {
    }

    /** The op types with a Java gradient. */
    static List<String> opTypes() {
        return Collections.unmodifiableList(new ArrayList<>(RULES.keySet()));
    }

    /** Registers the dispatcher for every op type that TensorFlow has no gradient for. Idempotent. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        adapter = RawCustomGradient.adapter(JavaGradients::dispatch);
        for (String type : RULES.keySet()) {
            if (!tensorflow.TFJ_HasGradient(type)) {
                tensorflow.TFJ_RegisterCustomGradient(type, adapter);
            }
        }
        installed = true;
    }

    private static List<Operand<?>> dispatch(Ops tf, GraphOperation op, List<Output<?>> outputGrads) {
        Rule rule = RULES.get(op.type());
        if (rule == null) {
            throw new IllegalStateException("no Java gradient for op type " + op.type());
        }
        return new ArrayList<>(rule.gradients(new RawOps(tf.scope()), op, outputGrads));
    }

    /** The gradient of output {@code i}, or zeros of its shape when TensorFlow passes none. */
    private static Output<?> grad(List<Output<?>> g, int i, GraphOperation op, RawOps o) {
        Output<?> x = i < g.size() ? g.get(i) : null;
        return x != null ? x : o.zerosLike(op.output(i));
    }

    private static List<Output<?>> zeros(RawOps o, GraphOperation op, List<Output<?>> g) {
        List<Output<?>> out = new ArrayList<>(op.numInputs());
        for (int i = 0; i < op.numInputs(); i++) {
            out.add(o.zerosLike(op.input(i)));
        }
        return out;
    }

    private static List<Output<?>> cholesky(RawOps o, GraphOperation op, List<Output<?>> g) {
        Output<?> l = op.output(0);
        return List.of(o.op("CholeskyGrad", l, grad(g, 0, op, o)));
    }

    private static boolean boolAttr(GraphOperation op, String name) {
        return op.attributes().getAttrBool(name);
    }

    /** C = op(A)^-1 B: gB = op(A)^-T g; gA = -gB Cᵀ (or -C gBᵀ when adjoint), restricted to A's triangle. */
    private static List<Output<?>> triangularSolve(RawOps o, GraphOperation op, List<Output<?>> g) {
        boolean lower = boolAttr(op, "lower");
        boolean adjoint = boolAttr(op, "adjoint");
        Output<?> a = op.input(0);
        Output<?> c = op.output(0);
        Output<?> gb = o.triangularSolve(a, grad(g, 0, op, o), lower, !adjoint);
        Output<?> ga = adjoint ? o.neg(o.batchMatmul(c, gb, false, true)) : o.neg(o.batchMatmul(gb, c, false, true));
        return List.of(o.triangle(ga, lower), gb);
    }

    /** C = op(A)^-1 B: gB = op(A)^-T g; gA = -gB Cᵀ (or -C gBᵀ when adjoint). */
    private static List<Output<?>> solve(RawOps o, GraphOperation op, List<Output<?>> g) {
        boolean adjoint = boolAttr(op, "adjoint");
        Output<?> a = op.input(0);
        Output<?> c = op.output(0);
        Output<?> gb = o.solve(a, grad(g, 0, op, o), !adjoint);
        Output<?> ga = adjoint ? o.neg(o.batchMatmul(c, gb, false, true)) : o.neg(o.batchMatmul(gb, c, false, true));
        return List.of(ga, gb);
    }

    /** B = A^-1: gA = -Bᵀ g Bᵀ. */
    private static List<Output<?>> inverse(RawOps o, GraphOperation op, List<Output<?>> g) {
        Output<?> b = op.output(0);
        Output<?> t = o.batchMatmul(b, grad(g, 0, op, o), true, false);
        return List.of(o.neg(o.batchMatmul(t, b, false, true)));
    }

    /**
     * values, indices = TopK(x, k): each value's gradient goes back to the element it was taken from,
     * dx = sum over the k axis of g * onehot(indices, n), n = the last dimension of x (read at run time).
     */
    private static List<Output<?>> topK(RawOps o, GraphOperation op, List<Output<?>> g) {
        Output<?> x = op.input(0);
        Output<?> shape = o.op("Shape", b -> b.setAttr("out_type", DataType.DT_INT32), x);
        Output<?> last = o.op("Sub", o.op("Size", b -> b.setAttr("out_type", DataType.DT_INT32), shape), o.int32(1));
        Output<?> depth = o.op("GatherV2", shape, last, o.int32(0));
        Output<?> gv = grad(g, 0, op, o);
        Output<?> oneHot = o.op("OneHot", op.output(1), depth, o.scalar(1, gv.dataType()),
                o.scalar(0, gv.dataType()));
        Output<?> spread = o.mul(o.op("ExpandDims", gv, o.int32(-1)), oneHot);
        return List.of(o.op("Sum", spread, o.int32(-2)), o.zerosLike(op.input(1)));
    }

    private static Output<?> polygamma(RawOps o, int order, Output<?> x) {
        Output<?> n = o.op("Mul", o.op("OnesLike", x), o.scalar(order, x.dataType()));
        return o.op("Polygamma", n, x);
    }

    /** Implicit reparameterisation: d sample / d alpha from TensorFlow's RandomGammaGrad kernel. */
    private static List<Output<?>> gamma(RawOps o, GraphOperation op, List<Output<?>> g) {
        Output<?> alpha = op.input(2);
        Output<?> sample = op.output(0);
        Output<?> dAlpha = o.mul(grad(g, 0, op, o), o.op("RandomGammaGrad", alpha, sample));
        return List.of(o.zerosLike(op.input(0)), o.zerosLike(op.input(1)), dAlpha);
    }
}
