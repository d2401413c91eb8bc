package org.alws.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alws.api.backend.Variable;
import org.alws.api.learn.FusedAdam;
import org.alws.api.learn.Optimizer;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.UnaryOp;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Scope;

/**
 * The ALWS tensor language for one TensorFlow function being traced: every call adds operations to the workspace's
 * graph under the function's name scope. Variable reads are memoised per function, and assignments (plain,
 * conditional, or fused Adam updates) are collected to be added after the outputs ({@link #addUpdates}).
 */
final class TfOps implements TensorOps, FusedAdam {
    private final TfWorkspace workspace;
    private final RawOps raw;
    private final String functionName;
    private final Map<TfVariable, TfTensor> reads = new LinkedHashMap<>();
    private final Map<TfVariable, Assignment> assignments = new LinkedHashMap<>();
    private final List<AdamUpdate> adamUpdates = new ArrayList<>();
    private final Set<TfVariable> written = new HashSet<>();

    /** A pending write of {@code value}, only where {@code condition} (if not null) holds. */
    private record Assignment(Output<?> value, Output<?> condition) {
    }

    /**
     * A pending in-place Adam update: {@code scalars} are ResourceApplyAdam's β1ᵗ, β2ᵗ, lr, β1, β2 and ε̂, of the
     * variable's type.
     */
    private record AdamUpdate(TfVariable variable, TfVariable m, TfVariable v, List<Output<?>> scalars,
            Output<?> gradient, Output<?> condition) {
    }

    TfOps(TfWorkspace workspace, Scope scope, String functionName) {
        this.workspace = workspace;
        this.raw = new RawOps(scope);
        this.functionName = functionName;
    }

    RawOps raw() {
        return raw;
    }

    /**
     * Adds the function's variable updates, after {@code outputs} and after every value they write has been
     * computed (so that the outputs see the old values), and returns them as the session targets. A conditional
     * update takes its new value through a {@code Switch}: when the condition is false the update's input is dead
     * and TensorFlow does not run it.
     */
    List<Operation> addUpdates(List<Output<?>> outputs) {
        List<Operation> dependencies = new ArrayList<>();
        for (Output<?> o : outputs) {
            dependencies.add(o.op());
        }
        for (Assignment a : assignments.values()) {
            dependencies.add(a.value().op());
            if (a.condition() != null) {
                dependencies.add(a.condition().op());
            }
        }
        for (AdamUpdate u : adamUpdates) {
            for (Output<?> in : u.scalars()) {
                dependencies.add(in.op());
            }
            dependencies.add(u.gradient().op());
            dependencies.add(u.condition().op());
        }
        RawOps after = new RawOps(raw.scope().withControlDependencyOps(dependencies));
        List<Operation> targets = new ArrayList<>();
        for (Map.Entry<TfVariable, Assignment> e : assignments.entrySet()) {
            TfVariable v = e.getKey();
            Assignment a = e.getValue();
            Output<?> value = a.condition() == null ? a.value() : whenTrue(after, a.value(), a.condition());
            targets.add(after.build("AssignVariableOp", b -> b.setAttr("dtype", Conversions.dataType(v.dtype())),
                    v.handle(), value));
        }
        for (AdamUpdate u : adamUpdates) {
            List<Output<?>> in = new ArrayList<>(List.of(u.variable().handle(), u.m().handle(), u.v().handle()));
            in.addAll(u.scalars());
            in.add(whenTrue(after, u.gradient(), u.condition()));
            targets.add(after.build("ResourceApplyAdam", b -> {
                b.setAttr("T", Conversions.dataType(u.variable().dtype()));
                b.setAttr("use_locking", false);
                b.setAttr("use_nesterov", false);
            }, in.toArray(new Output<?>[0])));
        }
        return targets;
    }

    /** {@code value} where {@code condition} holds, else a dead tensor: the true output of a Switch. */
    private static Output<?> whenTrue(RawOps raw, Output<?> value, Output<?> condition) {
        return raw.build("Switch", null, value, condition).output(1);
    }

    TfTensor wrap(Output<?> o) {
        return new TfTensor(this, o);
    }

    private Output<?> out(Tensor t) {
        if (!(t instanceof TfTensor tt) || tt.ops() != this) {
            throw new IllegalArgumentException("tensor " + t + " does not belong to function '" + functionName
                    + "': tensors cannot be shared between functions");
        }
        return tt.output();
    }

    @Override
    public DType floatType() {
        return workspace.floatType();
    }

    @Override
    public Tensor constant(HostArray value) {
        return wrap(raw.constant(value, value.dtype()));
    }

    @Override
    public Tensor eye(long n) {
        return wrap(raw.op("Diag", out(fill(Shape.of(n), 1.0))));
    }

    @Override
    public Tensor fill(Shape shape, double value) {
        return wrap(raw.op("Fill", raw.int32s(ints(shape)), raw.scalar(value, Conversions.dataType(floatType()))));
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        String type = switch (op) {
            case NEG -> "Neg";
            case ABS -> "Abs";
            case SIGN -> "Sign";
            case EXP -> "Exp";
            case LOG -> "Log";
            case LOG1P -> "Log1p";
            case EXPM1 -> "Expm1";
            case SQRT -> "Sqrt";
            case RSQRT -> "Rsqrt";
            case SQUARE -> "Square";
            case RECIPROCAL -> "Reciprocal";
            case SIN -> "Sin";
            case COS -> "Cos";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case SOFTPLUS -> "Softplus";
            case RELU -> "Relu";
            case ERF -> "Erf";
            case LGAMMA -> "Lgamma";
            case DIGAMMA -> "Digamma";
            case FLOOR -> "Floor";
            case ROUND -> "Round";
            case IS_FINITE -> "IsFinite";
            case NOT -> "LogicalNot";
        };
        return wrap(raw.op(type, out(x)));
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": operands have types " + a.dtype() + " and " + b.dtype()
                    + "; cast one of them");
        }
        Shape.broadcast(a.shape(), b.shape());
        String type = switch (op) {
            case ADD -> "AddV2";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> "RealDiv";
            case POW -> "Pow";
            case MAXIMUM -> "Maximum";
            case MINIMUM -> "Minimum";
            case ATAN2 -> "Atan2";
            case LESS -> "Less";
            case LESS_EQUAL -> "LessEqual";
            case GREATER -> "Greater";
            case GREATER_EQUAL -> "GreaterEqual";
            case EQUAL -> "Equal";
            case NOT_EQUAL -> "NotEqual";
            case AND -> "LogicalAnd";
            case OR -> "LogicalOr";
        };
        return wrap(raw.op(type, out(a), out(b)));
    }

    @Override
    public Tensor where(Tensor condition, Tensor ifTrue, Tensor ifFalse) {
        if (condition.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: the condition must be bool, got " + condition.dtype());
        }
        if (ifTrue.dtype() != ifFalse.dtype()) {
            throw new IllegalArgumentException(
                    "where: branches have types " + ifTrue.dtype() + " and " + ifFalse.dtype());
        }
        return wrap(raw.op("SelectV2", out(condition), out(ifTrue), out(ifFalse)));
    }

    /** One pass: TensorFlow's {@code L2Loss} is Σ x² / 2, doubled exactly. */
    @Override
    public Tensor sumOfSquares(Tensor x) {
        if (!x.dtype().isFloating()) {
            return TensorOps.super.sumOfSquares(x);
        }
        return wrap(raw.op("L2Loss", out(x))).mul(2.0);
    }

    @Override
    public Tensor reduce(Reduction op, Tensor x, boolean keepDims, int... axes) {
        int r = x.shape().rank();
        int[] ax;
        if (axes.length == 0) {
            ax = new int[r];
            for (int i = 0; i < r; i++) {
                ax[i] = i;
            }
        } else {
            ax = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                ax[i] = axis(axes[i], r, "reduce");
            }
        }
        String type = switch (op) {
            case SUM -> "Sum";
            case MEAN -> "Mean";
            case MAX -> "Max";
            case MIN -> "Min";
            case PROD -> "Prod";
            case ALL -> "All";
            case ANY -> "Any";
        };
        return wrap(raw.op(type, b -> b.setAttr("keep_dims", keepDims), out(x), raw.int32s(ax)));
    }

    /** Shapes go into the graph as INT32, as TensorFlow's gradient functions expect. */
    private static int[] ints(Shape shape) {
        int[] out = new int[shape.rank()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(shape.dim(i));
        }
        return out;
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }

    private static int axis(int a, int rank, String what) {
        int v = a < 0 ? a + rank : a;
        if (v < 0 || v >= Math.max(rank, 1)) {
            throw new IllegalArgumentException(what + ": axis " + a + " is out of range for rank " + rank);
        }
        return v;
    }

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        if (a.shape().rank() < 2 || b.shape().rank() < 2) {
            throw new IllegalArgumentException("matmul needs matrices, got shapes " + a.shape() + " and " + b.shape());
        }
        long k1 = transposeA ? a.dim(-2) : a.dim(-1);
        long k2 = transposeB ? b.dim(-1) : b.dim(-2);
        if (k1 != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a.shape()
                    + (transposeA ? "ᵀ" : "") + " times " + b.shape() + (transposeB ? "ᵀ" : ""));
        }
        if (a.shape().rank() == 2 && b.shape().rank() == 2) {
            return wrap(raw.matmul(out(a), out(b), transposeA, transposeB));
        }
        return wrap(raw.batchMatmul(out(a), out(b), transposeA, transposeB));
    }

    @Override
    public Tensor reshape(Tensor x, Shape shape) {
        if (x.shape().size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + x.shape() + " to " + shape);
        }
        return wrap(raw.op("Reshape", out(x), raw.int32s(ints(shape))));
    }

    @Override
    public Tensor transpose(Tensor x, int... permutation) {
        return wrap(raw.op("Transpose", out(x), raw.int32s(permutation)));
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat of no tensors");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Output<?>[] values = new Output<?>[parts.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = out(parts.get(i));
        }
        int a = axis(axis, parts.get(0).shape().rank(), "concat");
        var builder = raw.scope().opBuilder("ConcatV2", "ConcatV2");
        builder.addInputList(values);
        builder.addInput(raw.int32(a));
        return wrap(builder.build().output(0));
    }

    @Override
    public Tensor slice(Tensor x, long[] begin, long[] size) {
        return wrap(raw.op("Slice", out(x), raw.int32s(toInts(begin)), raw.int32s(toInts(size))));
    }

    @Override
    public Tensor gather(Tensor x, Tensor indices, int axis) {
        return wrap(raw.op("GatherV2", out(x), out(indices), raw.int32(axis(axis, x.shape().rank(), "gather"))));
    }

    @Override
    public Tensor oneHot(Tensor indices, int depth, DType dtype) {
        return wrap(raw.op("OneHot", out(indices), raw.int32(depth), raw.constant(HostArray.scalar(1.0), dtype),
                raw.constant(HostArray.scalar(0.0), dtype)));
    }

    @Override
    public Tensor broadcastTo(Tensor x, Shape shape) {
        if (!Shape.broadcast(x.shape(), shape).equals(shape)) {
            throw new IllegalArgumentException("cannot broadcast " + x.shape() + " to " + shape);
        }
        return wrap(raw.op("BroadcastTo", out(x), raw.int32s(ints(shape))));
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        return wrap(raw.op("Cast", b -> b.setAttr("DstT", Conversions.dataType(dtype)), out(x)));
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return wrap(raw.op("StopGradient", out(x)));
    }

    @Override
    public Tensor argMax(Tensor x, int axis) {
        return wrap(raw.op("ArgMax", b -> b.setAttr("output_type", Conversions.dataType(DType.INT32)), out(x),
                raw.int32(axis(axis, x.shape().rank(), "argMax"))));
    }

    @Override
    public Tensor topK(Tensor x, int k) {
        return wrap(raw.op("TopKV2", b -> b.setAttr("sorted", true), out(x), raw.int32(k)));
    }

    @Override
    public Tensor nthElement(Tensor x, int n) {
        if (x.shape().rank() < 1 || n < 0 || n >= x.dim(-1)) {
            throw new IllegalArgumentException("nthElement: " + n + " is out of range for shape " + x.shape());
        }
        return wrap(raw.op("NthElement", b -> b.setAttr("reverse", false), out(x), raw.int32(n)));
    }

    @Override
    public Tensor cumsum(Tensor x, int axis) {
        return wrap(raw.op("Cumsum", out(x), raw.int32(axis(axis, x.shape().rank(), "cumsum"))));
    }

    @Override
    public Tensor cholesky(Tensor a) {
        return wrap(raw.op("Cholesky", out(a)));
    }

    @Override
    public Tensor triangularSolve(Tensor matrix, Tensor rhs, boolean lower, boolean adjoint) {
        return wrap(raw.triangularSolve(out(matrix), out(rhs), lower, adjoint));
    }

    @Override
    public Tensor solve(Tensor matrix, Tensor rhs, boolean adjoint) {
        return wrap(raw.solve(out(matrix), out(rhs), adjoint));
    }

    @Override
    public Tensor diagPart(Tensor a) {
        if (a.shape().rank() == 2) {
            return wrap(raw.op("DiagPart", out(a)));
        }
        return a.mul(eye(a.dim(-1)).cast(a.dtype())).sum(-1);
    }

    @Override
    public Tensor diag(Tensor v) {
        if (v.shape().rank() == 1) {
            return wrap(raw.op("Diag", out(v)));
        }
        return reshape(v, v.shape().append(1)).mul(eye(v.dim(-1)).cast(v.dtype()));
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor filter, int strideH, int strideW, Padding padding) {
        return wrap(raw.op("Conv2D", b -> {
            b.setAttr("strides", new long[] {1, strideH, strideW, 1});
            b.setAttr("padding", padding.name());
            b.setAttr("data_format", "NHWC");
        }, out(input), out(filter)));
    }

    @Override
    public Tensor conv2dTranspose(Tensor input, Tensor filter, Shape outputShape, int strideH, int strideW,
            Padding padding) {
        int[] sizes = new int[outputShape.rank()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Math.toIntExact(outputShape.dim(i));
        }
        return wrap(raw.op("Conv2DBackpropInput", b -> {
            b.setAttr("strides", new long[] {1, strideH, strideW, 1});
            b.setAttr("padding", padding.name());
            b.setAttr("data_format", "NHWC");
        }, raw.int32s(sizes), out(filter), out(input)));
    }

    private void checkSeed(Tensor seed) {
        if (seed.dtype() != DType.INT64 || !seed.shape().equals(Shape.of(2))) {
            throw new IllegalArgumentException("a random seed must be int64[2], got " + seed.dtype() + seed.shape());
        }
    }

    @Override
    public Tensor randomUniform(Shape shape, DType dtype, Tensor seed) {
        checkSeed(seed);
        return wrap(raw.op("StatelessRandomUniform", b -> b.setAttr("dtype", Conversions.dataType(dtype)),
                raw.int64s(shape.dims()), out(seed)));
    }

    @Override
    public Tensor randomNormal(Shape shape, DType dtype, Tensor seed) {
        checkSeed(seed);
        return wrap(raw.op("StatelessRandomNormal", b -> b.setAttr("dtype", Conversions.dataType(dtype)),
                raw.int64s(shape.dims()), out(seed)));
    }

    @Override
    public Tensor randomGamma(Tensor alpha, Tensor seed) {
        checkSeed(seed);
        return wrap(raw.op("StatelessRandomGammaV2", raw.int64s(alpha.shape().dims()), out(seed), out(alpha)));
    }

    @Override
    public List<Tensor> gradients(List<Tensor> ys, List<Tensor> xs, List<Tensor> seeds) {
        if (seeds != null && seeds.size() != ys.size()) {
            throw new IllegalArgumentException("gradients: " + ys.size() + " outputs but " + seeds.size() + " seeds");
        }
        Set<GraphOperation> upstream = upstreamOf(ys);
        List<Integer> connected = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            Output<?> x = out(xs.get(i));
            if (x.dataType() == Conversions.dataType(DType.FLOAT32) || x.dataType() == Conversions.dataType(
                    DType.FLOAT64)) {
                if (upstream.contains((GraphOperation) x.op())) {
                    connected.add(i);
                }
            }
        }
        Tensor[] result = new Tensor[xs.size()];
        if (!connected.isEmpty()) {
            Output<?>[] y = new Output<?>[ys.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = out(ys.get(i));
            }
            Output<?>[] x = new Output<?>[connected.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = out(xs.get(connected.get(i)));
            }
            Output<?>[] dy = null;
            if (seeds != null) {
                dy = new Output<?>[seeds.size()];
                for (int i = 0; i < dy.length; i++) {
                    dy[i] = out(seeds.get(i));
                }
            }
            String prefix = "gradients_" + workspace.nextGradientId();
            Output<?>[] dx = workspace.graph().addGradients(prefix, y, x, dy);
            for (int i = 0; i < dx.length; i++) {
                result[connected.get(i)] = noGradient(dx[i]) ? null : wrap(dx[i]);
            }
        }
        List<Tensor> out = new ArrayList<>(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            Tensor g = result[i];
            out.add(g != null ? g : wrap(raw.zerosLike(out(xs.get(i)))));
        }
        return out;
    }

    /**
     * True if TensorFlow returned "no gradient": when every path from x to y passes through non-differentiable
     * operations, the C API gives an output whose operation is null, which TensorFlow Java wraps as-is.
     */
    private static boolean noGradient(Output<?> dx) {
        if (dx == null) {
            return true;
        }
        var handle = ((GraphOperation) dx.op()).getUnsafeNativeHandle();
        return handle == null || handle.isNull();
    }

    /** Every operation some output of {@code ys} depends on. */
    private Set<GraphOperation> upstreamOf(List<Tensor> ys) {
        Set<GraphOperation> seen = new HashSet<>();
        Deque<GraphOperation> todo = new ArrayDeque<>();
        for (Tensor y : ys) {
            GraphOperation op = (GraphOperation) out(y).op();
            if (seen.add(op)) {
                todo.add(op);
            }
        }
        while (!todo.isEmpty()) {
            GraphOperation op = todo.poll();
            for (Operand<?> in : op.inputs()) {
                GraphOperation p = (GraphOperation) in.op();
                if (seen.add(p)) {
                    todo.add(p);
                }
            }
        }
        return seen;
    }

    @Override
    public Tensor read(Variable variable) {
        TfVariable v = workspace.own(variable);
        return reads.computeIfAbsent(v, k -> wrap(raw.op("ReadVariableOp",
                b -> b.setAttr("dtype", Conversions.dataType(k.dtype())), k.handle())));
    }

    @Override
    public void assign(Variable variable, Tensor value) {
        TfVariable v = checkWrite(variable, value.shape(), value.dtype());
        assignments.put(v, new Assignment(out(value), null));
    }

    @Override
    public void assignIf(Tensor condition, Variable variable, Tensor value) {
        Output<?> c = condition(condition, "assignIf");
        TfVariable v = checkWrite(variable, value.shape(), value.dtype());
        assignments.put(v, new Assignment(out(value), c));
    }

    @Override
    public void applyAdam(Variable variable, Variable m, Variable v, Tensor gradient, Tensor step,
            Optimizer.AdamSettings settings, Tensor condition) {
        Output<?> c = condition(condition, "applyAdam");
        TfVariable target = workspace.own(variable);
        if (!gradient.shape().equals(target.shape()) || gradient.dtype() != target.dtype()) {
            throw new IllegalArgumentException("applyAdam: gradient " + gradient.dtype() + gradient.shape()
                    + " does not match variable '" + target.name() + "' of " + target.dtype() + target.shape());
        }
        if (!step.shape().equals(Shape.scalar()) || !step.dtype().isFloating()) {
            throw new IllegalArgumentException("applyAdam: the step must be a floating scalar, got " + step.dtype()
                    + step.shape());
        }
        DType type = target.dtype();
        TfVariable first = checkWrite(m, target.shape(), type);
        TfVariable second = checkWrite(v, target.shape(), type);
        checkWrite(variable, target.shape(), type);
        // ResourceApplyAdam moves by lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m/(√v + ε̂); with ε̂ = ε·√(1 − β2ᵗ) that is
        // lr · m̂/(√v̂ + ε), the bias-corrected Adam of Optimizer.AdamSettings.
        Tensor t = step.cast(type);
        Tensor beta1Power = scalar(settings.beta1(), type).pow(t);
        Tensor beta2Power = scalar(settings.beta2(), type).pow(t);
        Tensor epsilon = beta2Power.rsub(1.0).sqrt().mul(scalar(settings.epsilon(), type));
        List<Output<?>> scalars = List.of(out(beta1Power), out(beta2Power), out(scalar(settings.learningRate(), type)),
                out(scalar(settings.beta1(), type)), out(scalar(settings.beta2(), type)), out(epsilon));
        adamUpdates.add(new AdamUpdate(target, first, second, scalars, out(gradient), c));
    }

    private Output<?> condition(Tensor condition, String what) {
        if (condition.dtype() != DType.BOOL || !condition.shape().equals(Shape.scalar())) {
            throw new IllegalArgumentException(what + ": the condition must be a bool scalar, got "
                    + condition.dtype() + condition.shape());
        }
        return out(condition);
    }

    /** The variable, checked to be of this workspace, of the given shape and type, and not yet written. */
    private TfVariable checkWrite(Variable variable, Shape shape, DType dtype) {
        TfVariable v = workspace.own(variable);
        if (!shape.equals(v.shape()) || dtype != v.dtype()) {
            throw new IllegalArgumentException("cannot assign " + dtype + shape + " to variable '"
                    + v.name() + "' of " + v.dtype() + v.shape());
        }
        if (!written.add(v)) {
            throw new IllegalArgumentException(
                    "variable '" + v.name() + "' is assigned twice in function '" + functionName + "'");
        }
        return v;
    }
}
