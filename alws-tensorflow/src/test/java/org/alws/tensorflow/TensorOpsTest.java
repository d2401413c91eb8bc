package org.alws.tensorflow;

import static org.alws.tensorflow.GradientCheck.assertSmall;
import static org.alws.tensorflow.GradientCheck.maxRelativeError;
import static org.alws.tensorflow.GradientCheck.randomMatrix;
import static org.alws.tensorflow.GradientCheck.randomSpd;
import static org.alws.tensorflow.NdReference.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.Stream;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.tensor.BinaryOp;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Reduction;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.api.tensor.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance of the TensorFlow backend's {@link TensorOps} with plain-Java reference computations, in float64:
 * every elementwise op (broadcasting, BOOL comparisons), every reduction (all axes, negative axes, keepDims),
 * matmul with every transpose flag and batched, the structural ops, the linear-algebra ops (forward values),
 * conv2d and its transpose against naive loops, and the Tensor helpers with logic of their own. Gradients of the
 * ops the learners rely on are checked against central finite differences, and misuse against the exact messages.
 */
class TensorOpsTest {
    private static final double TOL = 1e-12;
    private static Workspace ws;
    private final SplittableRandom random = new SplittableRandom(2024);

    @BeforeAll
    static void open() {
        ws = new TensorFlowBackend().open(WorkspaceOptions.defaults().withFloatType(DType.FLOAT64));
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static HostArray one(List<HostArray> in, java.util.function.BiFunction<TensorOps, List<Tensor>, Tensor> f) {
        return Traced.one(ws, in, f);
    }

    /** Asserts equal shapes and elements within {@code tol * max(1, |expected|)}. */
    private static void assertClose(HostArray actual, HostArray expected, double tol, String what) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = actual.doubles();
        double[] e = expected.doubles();
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                assertThat(a[i]).as(what + " element " + i).isNaN();
            } else if (Double.isInfinite(e[i])) {
                assertThat(a[i]).as(what + " element " + i).isEqualTo(e[i]);
            } else {
                assertThat(a[i]).as(what + " element " + i).isCloseTo(e[i], within(tol * Math.max(1, Math.abs(e[i]))));
            }
        }
    }

    // ---------------------------------------------------------------- elementwise

    private static final double[] GENERAL = {-2.7, -1.3, -0.5, -0.1, 0.0, 0.2, 0.5, 1.0, 1.7, 2.5, 3.5, -2.5};
    private static final double[] POSITIVE = {0.05, 0.2, 0.5, 0.9, 1.0, 1.5, 2.0, 2.5, 3.7, 7.3, 12.0, 30.5};
    private static final double[] NONZERO = {-2.7, -1.3, -0.5, -0.1, 0.05, 0.2, 0.5, 1.0, 1.7, 2.5, 3.5, -2.5};
    private static final double[] LGAMMA = {0.05, 0.5, 1.0, 1.5, 2.0, 2.5, 3.7, 12.0, 30.5, -0.5, -1.3, -2.7};
    private static final double[] ABOVE_MINUS_ONE = {-0.99, -0.7, -0.5, -0.1, 0.0, 1e-9, 0.2, 0.5, 1.0, 1.7, 2.5, 30};
    private static final double[] ERF = {-3.0, -2.2, -1.3, -0.5, -0.1, 0.0, 1e-9, 0.2, 0.5, 1.0, 1.7, 2.9};

    private static double[] domain(UnaryOp op) {
        return switch (op) {
            case LOG, SQRT, RSQRT, DIGAMMA -> POSITIVE;
            case RECIPROCAL -> NONZERO;
            case LGAMMA -> LGAMMA;
            case LOG1P -> ABOVE_MINUS_ONE;
            case ERF -> ERF;
            default -> GENERAL;
        };
    }

    private static double unaryReference(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> SpecialFunctions.sigmoid(x);
            case SOFTPLUS -> SpecialFunctions.softplus(x);
            case RELU -> Math.max(x, 0);
            case ERF -> SpecialFunctions.erf(x);
            case LGAMMA -> SpecialFunctions.lgamma(x);
            case DIGAMMA -> SpecialFunctions.digamma(x);
            case FLOOR -> Math.floor(x);
            case ROUND -> Math.rint(x); // half to even, as TensorFlow's Round
            case IS_FINITE, NOT -> throw new IllegalArgumentException(op.name());
        };
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"IS_FINITE", "NOT"}, mode = EnumSource.Mode.EXCLUDE)
    void unaryOpsMatchJava(UnaryOp op) {
        double[] x = domain(op);
        HostArray in = HostArray.of(Shape.of(3, 4), x);
        HostArray out = one(List.of(in), (ops, t) -> ops.unary(op, t.get(0)));
        assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = unaryReference(op, x[i]);
        }
        assertClose(out, HostArray.of(Shape.of(3, 4), expected), TOL, op.name());
    }

    @Test
    void isFiniteAndNotGiveBooleans() {
        HostArray x = HostArray.vector(1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                Double.MAX_VALUE);
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> {
            Tensor finite = in.get(0).isFinite();
            return List.of(finite, ops.unary(UnaryOp.NOT, finite));
        });
        assertThat(out.get(0).dtype()).isEqualTo(DType.BOOL);
        assertThat(out.get(0).ints()).containsExactly(1, 0, 0, 0, 1, 1);
        assertThat(out.get(1).dtype()).isEqualTo(DType.BOOL);
        assertThat(out.get(1).ints()).containsExactly(0, 1, 1, 1, 0, 0);
    }

    @Test
    void extremeArgumentsOfTheStableFunctions() {
        HostArray x = HostArray.vector(-800, -40, 40, 800);
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(in.get(0).softplus(),
                in.get(0).sigmoid(), in.get(0).erf(), in.get(0).tanh()));
        assertClose(out.get(0), HostArray.vector(0, Math.exp(-40), 40, 800), TOL, "softplus");
        assertThat(out.get(0).get(0)).isGreaterThanOrEqualTo(0.0);
        assertClose(out.get(1), HostArray.vector(0, Math.exp(-40), 1, 1), TOL, "sigmoid");
        assertClose(out.get(2), HostArray.vector(-1, -1, 1, 1), TOL, "erf");
        assertClose(out.get(3), HostArray.vector(-1, -1, 1, 1), TOL, "tanh");
    }

    private static final double[] LEVELS_A = {-1.5, -1, 0, 0.5, 1, 2};
    private static final double[] LEVELS_B = {-1, 0.5, 1, 2};

    private HostArray levels(Shape s, double[] levels) {
        double[] v = new double[s.intSize()];
        for (int i = 0; i < v.length; i++) {
            v[i] = levels[random.nextInt(levels.length)];
        }
        return HostArray.of(s, v);
    }

    private static DoubleBinaryOperator binaryReference(BinaryOp op) {
        return switch (op) {
            case ADD -> Double::sum;
            case SUB -> (a, b) -> a - b;
            case MUL -> (a, b) -> a * b;
            case DIV -> (a, b) -> a / b;
            case POW -> Math::pow;
            case MAXIMUM -> Math::max;
            case MINIMUM -> Math::min;
            case ATAN2 -> Math::atan2;
            case LESS -> (a, b) -> a < b ? 1 : 0;
            case LESS_EQUAL -> (a, b) -> a <= b ? 1 : 0;
            case GREATER -> (a, b) -> a > b ? 1 : 0;
            case GREATER_EQUAL -> (a, b) -> a >= b ? 1 : 0;
            case EQUAL -> (a, b) -> a == b ? 1 : 0;
            case NOT_EQUAL -> (a, b) -> a != b ? 1 : 0;
            case AND -> (a, b) -> a != 0 && b != 0 ? 1 : 0;
            case OR -> (a, b) -> a != 0 || b != 0 ? 1 : 0;
        };
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"AND", "OR"}, mode = EnumSource.Mode.EXCLUDE)
    void binaryOpsBroadcastLikeNumPy(BinaryOp op) {
        HostArray a = levels(Shape.of(2, 1, 3), LEVELS_A);
        HostArray b = levels(Shape.of(4, 1), LEVELS_B);
        if (op == BinaryOp.POW) {
            // A positive base keeps fractional powers real; the exponents keep their signs.
            a = HostArray.of(a.shape(), Arrays.stream(a.doubles()).map(v -> Math.abs(v) + 0.25).toArray());
        }
        HostArray out = one(List.of(a, b), (ops, in) -> ops.binary(op, in.get(0), in.get(1)));
        HostArray expected = NdReference.broadcast(a, b, binaryReference(op));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 4, 3));
        if (op.isComparison()) {
            assertThat(out.dtype()).isEqualTo(DType.BOOL);
            assertThat(out.doubles()).containsExactly(expected.doubles());
        } else {
            assertThat(out.dtype()).isEqualTo(DType.FLOAT64);
            assertClose(out, expected, TOL, op.name());
        }
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"AND", "OR"})
    void logicalOpsOnBooleans(BinaryOp op) {
        boolean[] x = {true, false, true, false, false, true};
        boolean[] y = {true, false, false, true};
        HostArray a = HostArray.ofBooleans(Shape.of(2, 1, 3), x);
        HostArray b = HostArray.ofBooleans(Shape.of(4, 1), y);
        HostArray out = one(List.of(a, b), (ops, in) -> ops.binary(op, in.get(0), in.get(1)));
        assertThat(out.dtype()).isEqualTo(DType.BOOL);
        assertThat(out.doubles()).containsExactly(NdReference.broadcast(a, b, binaryReference(op)).doubles());
    }

    @Test
    void scalarShorthandsUseTheTensorsType() {
        HostArray x = HostArray.ofInts(Shape.of(3), new int[] {1, 5, -2});
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(in.get(0).add(2.0), in.get(0).mul(3.0),
                in.get(0).rsub(10.0), in.get(0).gt(1.0)));
        assertThat(out.get(0).dtype()).isEqualTo(DType.INT32);
        assertThat(out.get(0).ints()).containsExactly(3, 7, 0);
        assertThat(out.get(1).ints()).containsExactly(3, 15, -6);
        assertThat(out.get(2).ints()).containsExactly(9, 5, 12);
        assertThat(out.get(3).ints()).containsExactly(0, 1, 0);
    }

    // ---------------------------------------------------------------- reductions

    private static final int[][] AXES = {{}, {1}, {-1}, {0, 2}, {-3, -1}, {0, 1, 2}};

    private static int[] normalised(int[] axes, int rank) {
        if (axes.length == 0) {
            return java.util.stream.IntStream.range(0, rank).toArray();
        }
        return Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).toArray();
    }

    @ParameterizedTest
    @EnumSource(value = Reduction.class, names = {"SUM", "MEAN", "MAX", "MIN", "PROD"})
    void reductionsOverEveryAxisCombination(Reduction op) {
        HostArray x = uniform(random, Shape.of(2, 3, 4), -1.5, 1.5);
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> {
            List<Tensor> r = new ArrayList<>();
            for (int[] axes : AXES) {
                r.add(ops.reduce(op, in.get(0), false, axes));
                r.add(ops.reduce(op, in.get(0), true, axes));
            }
            return r;
        });
        int k = 0;
        for (int[] axes : AXES) {
            for (boolean keep : new boolean[] {false, true}) {
                int[] ax = normalised(axes, 3);
                HostArray expected = switch (op) {
                    case SUM -> NdReference.reduce(x, ax, keep, 0, Double::sum);
                    case MEAN -> {
                        HostArray s = NdReference.reduce(x, ax, keep, 0, Double::sum);
                        long count = x.shape().size() / s.shape().size();
                        yield HostArray.of(s.shape(), Arrays.stream(s.doubles()).map(v -> v / count).toArray());
                    }
                    case MAX -> NdReference.reduce(x, ax, keep, Double.NEGATIVE_INFINITY, Math::max);
                    case MIN -> NdReference.reduce(x, ax, keep, Double.POSITIVE_INFINITY, Math::min);
                    case PROD -> NdReference.reduce(x, ax, keep, 1, (a, b) -> a * b);
                    default -> throw new IllegalStateException();
                };
                assertClose(out.get(k++), expected, TOL, op + Arrays.toString(axes) + " keepDims=" + keep);
            }
        }
    }

    @Test
    void allAndAnyReduceBooleans() {
        HostArray x = HostArray.ofBooleans(Shape.of(2, 3), new boolean[] {true, true, true, false, true, false});
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(
                ops.reduce(Reduction.ALL, in.get(0), false, -1), ops.reduce(Reduction.ANY, in.get(0), false, 1),
                ops.reduce(Reduction.ALL, in.get(0), true, 0), ops.reduce(Reduction.ANY, in.get(0), false)));
        assertThat(out.get(0).ints()).containsExactly(1, 0);
        assertThat(out.get(1).ints()).containsExactly(1, 1);
        assertThat(out.get(2).shape()).isEqualTo(Shape.of(1, 3));
        assertThat(out.get(2).ints()).containsExactly(0, 1, 0);
        assertThat(out.get(3).shape()).isEqualTo(Shape.scalar());
        assertThat(out.get(3).ints()).containsExactly(1);
        assertThat(out.get(0).dtype()).isEqualTo(DType.BOOL);
    }

    // ---------------------------------------------------------------- matmul

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void matmulWithEveryTransposeFlag(boolean ta, boolean tb) {
        HostArray a = uniform(random, ta ? Shape.of(4, 3) : Shape.of(3, 4), -1, 1);
        HostArray b = uniform(random, tb ? Shape.of(5, 4) : Shape.of(4, 5), -1, 1);
        HostArray a3 = uniform(random, ta ? Shape.of(2, 4, 3) : Shape.of(2, 3, 4), -1, 1);
        HostArray b3 = uniform(random, tb ? Shape.of(2, 5, 4) : Shape.of(2, 4, 5), -1, 1);
        List<HostArray> out = Traced.run(ws, List.of(a, b, a3, b3), (ops, in) -> List.of(
                ops.matmul(in.get(0), in.get(1), ta, tb),
                ops.matmul(in.get(2), in.get(3), ta, tb),
                ops.matmul(in.get(2), in.get(1), ta, tb),
                in.get(0).matmul(in.get(1), ta, tb)));
        assertClose(out.get(0), NdReference.matmul(a, b, ta, tb), TOL, "rank 2");
        assertClose(out.get(1), NdReference.matmul(a3, b3, ta, tb), TOL, "batched");
        assertClose(out.get(2), NdReference.matmul(a3, b, ta, tb), TOL, "batch broadcast");
        assertClose(out.get(3), NdReference.matmul(a, b, ta, tb), TOL, "fluent");
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(2, 3, 5));
    }

    // ---------------------------------------------------------------- structure

    @Test
    void reshapeTransposeAndFlatten() {
        HostArray x = uniform(random, Shape.of(2, 3, 4), -1, 1);
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(
                in.get(0).reshape(4, 6), ops.transpose(in.get(0), 2, 0, 1), in.get(0).flattenTrailing(),
                ops.slice(in.get(0), new long[] {0, 0, 0}, new long[] {2, 1, 4}).reshape(2, 4).t()));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(4, 6));
        assertThat(out.get(0).doubles()).containsExactly(x.doubles());
        double[] v = x.doubles();
        double[] t = out.get(1).doubles();
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(4, 2, 3));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(t[(k * 2 + i) * 3 + j]).isEqualTo(v[(i * 3 + j) * 4 + k]);
                }
            }
        }
        assertThat(out.get(2).shape()).isEqualTo(Shape.of(2, 12));
        assertThat(out.get(2).doubles()).containsExactly(v);
        assertThat(out.get(3).shape()).isEqualTo(Shape.of(4, 2));
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 2; i++) {
                assertThat(out.get(3).get(k * 2 + i)).isEqualTo(v[i * 12 + k]);
            }
        }
    }

    @Test
    void concatAndStack() {
        HostArray a = uniform(random, Shape.of(2, 1), -1, 1);
        HostArray b = uniform(random, Shape.of(2, 3), -1, 1);
        HostArray c = uniform(random, Shape.of(2, 2), -1, 1);
        List<HostArray> out = Traced.run(ws, List.of(a, b, c), (ops, in) -> List.of(
                ops.concat(1, in), in.get(0).concat(-1, in.get(1), in.get(2)),
                ops.concat(0, List.of(in.get(1), in.get(1))),
                ops.stack(0, List.of(in.get(1), in.get(1).neg())), ops.stack(1, List.of(in.get(1), in.get(1).neg())),
                ops.stack(-1, List.of(in.get(1), in.get(1).neg())), ops.concat(0, List.of(in.get(2)))));
        double[] expected = new double[12];
        for (int r = 0; r < 2; r++) {
            expected[r * 6] = a.get(r);
            for (int j = 0; j < 3; j++) {
                expected[r * 6 + 1 + j] = b.get(r * 3 + j);
            }
            for (int j = 0; j < 2; j++) {
                expected[r * 6 + 4 + j] = c.get(r * 2 + j);
            }
        }
        assertClose(out.get(0), HostArray.of(Shape.of(2, 6), expected), 0, "concat axis 1");
        assertClose(out.get(1), HostArray.of(Shape.of(2, 6), expected), 0, "concat axis -1");
        double[] twice = new double[12];
        System.arraycopy(b.doubles(), 0, twice, 0, 6);
        System.arraycopy(b.doubles(), 0, twice, 6, 6);
        assertClose(out.get(2), HostArray.of(Shape.of(4, 3), twice), 0, "concat axis 0");
        double[] bv = b.doubles();
        double[] s0 = out.get(3).doubles();
        double[] s1 = out.get(4).doubles();
        double[] s2 = out.get(5).doubles();
        assertThat(out.get(3).shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(out.get(4).shape()).isEqualTo(Shape.of(2, 2, 3));
        assertThat(out.get(5).shape()).isEqualTo(Shape.of(2, 3, 2));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double x = bv[i * 3 + j];
                assertThat(s0[(0 * 2 + i) * 3 + j]).isEqualTo(x);
                assertThat(s0[(1 * 2 + i) * 3 + j]).isEqualTo(-x);
                assertThat(s1[(i * 2 + 0) * 3 + j]).isEqualTo(x);
                assertThat(s1[(i * 2 + 1) * 3 + j]).isEqualTo(-x);
                assertThat(s2[(i * 3 + j) * 2]).isEqualTo(x);
                assertThat(s2[(i * 3 + j) * 2 + 1]).isEqualTo(-x);
            }
        }
        assertThat(out.get(6)).isEqualTo(c);
    }

    @Test
    void sliceWithToTheEndSizes() {
        HostArray x = uniform(random, Shape.of(3, 4), -1, 1);
        HostArray out = one(List.of(x), (ops, in) -> ops.slice(in.get(0), new long[] {1, 2}, new long[] {-1, 2}));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(out.doubles()).containsExactly(x.get(6), x.get(7), x.get(10), x.get(11));
    }

    @Test
    void gatherAlongEitherAxisWithIntOrLongIndices() {
        HostArray x = uniform(random, Shape.of(4, 3), -1, 1);
        HostArray i32 = HostArray.ofInts(Shape.of(2, 2), new int[] {3, 0, 0, 2});
        HostArray i64 = HostArray.ofLongs(Shape.of(4), new long[] {2, 2, 0, 1});
        List<HostArray> out = Traced.run(ws, List.of(x, i32, i64), (ops, in) -> List.of(
                in.get(0).gather(in.get(1), 0), ops.gather(in.get(0), in.get(2), 1),
                ops.gather(in.get(0), in.get(2), -1)));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 2, 3));
        int[] rows = i32.ints();
        for (int p = 0; p < 4; p++) {
            for (int j = 0; j < 3; j++) {
                assertThat(out.get(0).get(p * 3 + j)).isEqualTo(x.get(rows[p] * 3 + j));
            }
        }
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(4, 4));
        long[] cols = i64.longs();
        for (int r = 0; r < 4; r++) {
            for (int q = 0; q < 4; q++) {
                assertThat(out.get(1).get(r * 4 + q)).isEqualTo(x.get(r * 3 + (int) cols[q]));
            }
        }
        assertThat(out.get(2)).isEqualTo(out.get(1));
    }

    @Test
    void oneHotAlongANewLastAxis() {
        HostArray idx = HostArray.ofInts(Shape.of(2, 3), new int[] {0, 3, 1, 2, -1, 4});
        List<HostArray> out = Traced.run(ws, List.of(idx), (ops, in) -> List.of(
                ops.oneHot(in.get(0), 4, DType.FLOAT64), ops.oneHot(in.get(0), 4, DType.FLOAT32)));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(out.get(0).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(out.get(1).dtype()).isEqualTo(DType.FLOAT32);
        int[] v = idx.ints();
        for (int p = 0; p < 6; p++) {
            for (int k = 0; k < 4; k++) {
                // Out-of-range indices (-1, 4) give an all-zero row.
                double expected = v[p] == k ? 1 : 0;
                assertThat(out.get(0).get(p * 4 + k)).isEqualTo(expected);
                assertThat(out.get(1).get(p * 4 + k)).isEqualTo(expected);
            }
        }
    }

    @Test
    void broadcastToAndFill() {
        HostArray x = uniform(random, Shape.of(3, 1), -1, 1);
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(
                in.get(0).broadcastTo(Shape.of(2, 3, 4)), ops.fill(Shape.of(2, 3), 2.5), ops.zeros(Shape.of(2)),
                ops.ones(Shape.of(1, 2)), ops.scalar(3.0, DType.INT64)));
        assertClose(out.get(0), HostArray.of(Shape.of(2, 3, 4), NdReference.broadcastTo(x, Shape.of(2, 3, 4))), 0,
                "broadcastTo");
        assertThat(out.get(1)).isEqualTo(HostArray.of(Shape.of(2, 3), new double[] {2.5, 2.5, 2.5, 2.5, 2.5, 2.5}));
        assertThat(out.get(2)).isEqualTo(HostArray.of(Shape.of(2), new double[] {0, 0}));
        assertThat(out.get(3)).isEqualTo(HostArray.of(Shape.of(1, 2), new double[] {1, 1}));
        assertThat(out.get(4)).isEqualTo(HostArray.ofLongs(Shape.scalar(), new long[] {3}));
    }

    @Test
    void castsTruncateTowardZeroAndMapNonZeroToTrue() {
        HostArray x = HostArray.vector(-2.7, -0.5, 0.0, 1.9, 3.2);
        HostArray ints = HostArray.ofInts(Shape.of(3), new int[] {-4, 0, 7});
        List<HostArray> out = Traced.run(ws, List.of(x, ints), (ops, in) -> List.of(
                in.get(0).cast(DType.INT32), in.get(0).cast(DType.INT64), in.get(0).cast(DType.BOOL),
                in.get(0).cast(DType.FLOAT32), in.get(1).cast(DType.FLOAT64),
                in.get(0).cast(DType.BOOL).cast(DType.FLOAT64)));
        assertThat(out.get(0).dtype()).isEqualTo(DType.INT32);
        assertThat(out.get(0).ints()).containsExactly(-2, 0, 0, 1, 3);
        assertThat(out.get(1).longs()).containsExactly(-2, 0, 0, 1, 3);
        assertThat(out.get(2).dtype()).isEqualTo(DType.BOOL);
        assertThat(out.get(2).ints()).containsExactly(1, 1, 0, 1, 1);
        assertThat(out.get(3).floats()).containsExactly(-2.7f, -0.5f, 0.0f, 1.9f, 3.2f);
        assertThat(out.get(4)).isEqualTo(HostArray.vector(-4, 0, 7));
        assertThat(out.get(5)).isEqualTo(HostArray.vector(1, 1, 0, 1, 1));
    }

    @Test
    void nthElementSelectsTheNthSmallestAlongTheLastAxis() {
        HostArray x = HostArray.of(Shape.of(2, 5), new double[] {3, -1, 4, 1, 5, 9, 2, 6, 5, 3});
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(
                ops.nthElement(in.get(0), 0), ops.nthElement(in.get(0), 2), ops.nthElement(in.get(0), 4)));
        assertThat(out.get(0).doubles()).containsExactly(-1, 2);
        assertThat(out.get(1).doubles()).containsExactly(3, 5);
        assertThat(out.get(2).doubles()).containsExactly(5, 9);
        assertThatThrownBy(() -> Traced.run(ws, List.of(x), (ops, in) -> List.of(ops.nthElement(in.get(0), 5))))
                .hasMessage("nthElement: 5 is out of range for shape [2, 5]");
    }

    @Test
    void argMaxTopKAndCumsum() {
        HostArray x = HostArray.of(Shape.of(3, 4), new double[] {
            0.1, 0.9, -0.3, 0.9,
            2.0, -1.0, 0.5, 1.5,
            -0.2, -0.1, -0.4, -0.3});
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> List.of(
                ops.argMax(in.get(0), -1), ops.argMax(in.get(0), 0), ops.topK(in.get(0), 3),
                ops.cumsum(in.get(0), 0), ops.cumsum(in.get(0), -1)));
        assertThat(out.get(0).dtype()).isEqualTo(DType.INT32);
        // On ties the first index wins.
        assertThat(out.get(0).ints()).containsExactly(1, 0, 1);
        assertThat(out.get(1).ints()).containsExactly(1, 0, 1, 1);
        assertThat(out.get(2).shape()).isEqualTo(Shape.of(3, 3));
        assertThat(out.get(2).doubles()).containsExactly(0.9, 0.9, 0.1, 2.0, 1.5, 0.5, -0.1, -0.2, -0.3);
        double[] v = x.doubles();
        double[] c0 = new double[12];
        double[] c1 = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                c0[i * 4 + j] = v[i * 4 + j] + (i > 0 ? c0[(i - 1) * 4 + j] : 0);
                c1[i * 4 + j] = v[i * 4 + j] + (j > 0 ? c1[i * 4 + j - 1] : 0);
            }
        }
        assertClose(out.get(3), HostArray.of(Shape.of(3, 4), c0), TOL, "cumsum axis 0");
        assertClose(out.get(4), HostArray.of(Shape.of(3, 4), c1), TOL, "cumsum axis -1");
    }

    @Test
    void eyeDiagAndDiagPartIncludingBatches() {
        HostArray v = uniform(random, Shape.of(3), -1, 1);
        HostArray vb = uniform(random, Shape.of(2, 3), -1, 1);
        HostArray m = uniform(random, Shape.of(3, 3), -1, 1);
        HostArray mb = uniform(random, Shape.of(2, 3, 3), -1, 1);
        List<HostArray> out = Traced.run(ws, List.of(v, vb, m, mb), (ops, in) -> List.of(
                ops.eye(3), ops.diag(in.get(0)), ops.diag(in.get(1)), ops.diagPart(in.get(2)),
                ops.diagPart(in.get(3))));
        assertThat(out.get(0)).isEqualTo(HostArray.of(Shape.of(3, 3), new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(3, 3));
        assertThat(out.get(2).shape()).isEqualTo(Shape.of(2, 3, 3));
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (b == 0) {
                        assertThat(out.get(1).get(i * 3 + j)).isEqualTo(i == j ? v.get(i) : 0.0);
                    }
                    assertThat(out.get(2).get((b * 3 + i) * 3 + j)).isEqualTo(i == j ? vb.get(b * 3 + i) : 0.0);
                }
            }
        }
        assertThat(out.get(3).doubles()).containsExactly(m.get(0), m.get(4), m.get(8));
        assertThat(out.get(4).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.get(4).doubles()).containsExactly(mb.get(0), mb.get(4), mb.get(8), mb.get(9), mb.get(13),
                mb.get(17));
    }

    @Test
    void whereBroadcastsTheConditionAndTheBranches() {
        HostArray cond = HostArray.ofBooleans(Shape.of(3), new boolean[] {true, false, true});
        HostArray a = uniform(random, Shape.of(2, 3), -1, 1);
        List<HostArray> out = Traced.run(ws, List.of(cond, a), (ops, in) -> List.of(
                ops.where(in.get(0), in.get(1), ops.scalar(7.0)),
                ops.where(in.get(1).gt(0.0), in.get(1), in.get(1).neg())));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 3));
        for (int i = 0; i < 6; i++) {
            assertThat(out.get(0).get(i)).isEqualTo(i % 3 == 1 ? 7.0 : a.get(i));
            assertThat(out.get(1).get(i)).isEqualTo(Math.abs(a.get(i)));
        }
    }

    // ---------------------------------------------------------------- linear algebra

    @Test
    void choleskyOfSingleAndBatchedMatrices() {
        HostArray a = randomSpd(random, 4);
        double[] b = new double[2 * 9];
        System.arraycopy(randomSpd(random, 3).doubles(), 0, b, 0, 9);
        System.arraycopy(randomSpd(random, 3).doubles(), 0, b, 9, 9);
        HostArray batch = HostArray.of(Shape.of(2, 3, 3), b);
        List<HostArray> out = Traced.run(ws, List.of(a, batch), (ops, in) -> List.of(
                ops.cholesky(in.get(0)), ops.cholesky(in.get(1))));
        checkCholesky(a.doubles(), 0, out.get(0).doubles(), 4);
        checkCholesky(b, 0, out.get(1).doubles(), 3);
        checkCholesky(b, 9, out.get(1).doubles(), 3);
    }

    private static void checkCholesky(double[] a, int offset, double[] l, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(l[offset + i * n + i]).isPositive();
            for (int j = 0; j < n; j++) {
                if (j > i) {
                    assertThat(l[offset + i * n + j]).isZero();
                }
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += l[offset + i * n + k] * l[offset + j * n + k];
                }
                assertThat(s).isCloseTo(a[offset + i * n + j], within(1e-12 * n));
            }
        }
    }

    /** A random matrix with a dominant diagonal (well conditioned, non-symmetric). */
    private HostArray dominant(int n) {
        double[] v = randomMatrix(random, n, n).doubles();
        for (int i = 0; i < n; i++) {
            v[i * n + i] += n + 1;
        }
        return HostArray.of(Shape.of(n, n), v);
    }

    @ParameterizedTest(name = "lower={0} adjoint={1}")
    @CsvSource({"true,false", "true,true", "false,false", "false,true"})
    void triangularSolveUsesOnlyItsTriangle(boolean lower, boolean adjoint) {
        int n = 4;
        HostArray m = dominant(n);
        HostArray rhs = randomMatrix(random, n, 3);
        HostArray x = one(List.of(m, rhs), (ops, in) -> ops.triangularSolve(in.get(0), in.get(1), lower, adjoint));
        // op(T) X = rhs where T keeps only the requested triangle of m.
        double[] t = m.doubles().clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (lower ? j > i : j < i) {
                    t[i * n + j] = 0;
                }
            }
        }
        HostArray product = NdReference.matmul(HostArray.of(Shape.of(n, n), t), x, adjoint, false);
        assertClose(product, rhs, 1e-12, "op(T) X");
    }

    @ParameterizedTest(name = "adjoint={0}")
    @CsvSource({"false", "true"})
    void solveGeneralSystems(boolean adjoint) {
        HostArray a = dominant(5);
        HostArray rhs = randomMatrix(random, 5, 2);
        HostArray x = one(List.of(a, rhs), (ops, in) -> ops.solve(in.get(0), in.get(1), adjoint));
        assertClose(NdReference.matmul(a, x, adjoint, false), rhs, 1e-12, "op(A) X");
    }

    // ---------------------------------------------------------------- convolutions

    static Stream<Arguments> convolutions() {
        return Stream.of(Arguments.of(1, Padding.SAME), Arguments.of(1, Padding.VALID), Arguments.of(2, Padding.SAME),
                Arguments.of(2, Padding.VALID));
    }

    @ParameterizedTest(name = "stride={0} padding={1}")
    @MethodSource("convolutions")
    void conv2dMatchesNaiveLoops(int stride, Padding padding) {
        HostArray x = uniform(random, Shape.of(2, 6, 5, 2), -1, 1);
        HostArray f = uniform(random, Shape.of(3, 2, 2, 3), -1, 1);
        HostArray out = one(List.of(x, f), (ops, in) -> ops.conv2d(in.get(0), in.get(1), stride, stride, padding));
        assertClose(out, NdReference.conv2d(x, f, stride, stride, padding == Padding.SAME), TOL, "conv2d");
    }

    @Test
    void conv2dWithUnequalStrides() {
        HostArray x = uniform(random, Shape.of(1, 7, 6, 2), -1, 1);
        HostArray f = uniform(random, Shape.of(3, 3, 2, 2), -1, 1);
        HostArray out = one(List.of(x, f), (ops, in) -> ops.conv2d(in.get(0), in.get(1), 2, 1, Padding.SAME));
        assertClose(out, NdReference.conv2d(x, f, 2, 1, true), TOL, "conv2d strides 2,1");
    }

    @ParameterizedTest(name = "stride={0} padding={1}")
    @MethodSource("convolutions")
    void conv2dTransposeMatchesNaiveScatter(int stride, Padding padding) {
        Shape outShape = Shape.of(2, 6, 5, 2);
        boolean same = padding == Padding.SAME;
        int h = NdReference.convGeometry(6, 3, stride, same)[0];
        int w = NdReference.convGeometry(5, 2, stride, same)[0];
        HostArray y = uniform(random, Shape.of(2, h, w, 3), -1, 1);
        HostArray f = uniform(random, Shape.of(3, 2, 2, 3), -1, 1);
        HostArray out = one(List.of(y, f),
                (ops, in) -> ops.conv2dTranspose(in.get(0), in.get(1), outShape, stride, stride, padding));
        assertClose(out, NdReference.conv2dTranspose(y, f, outShape, stride, stride, same), TOL, "conv2dTranspose");
    }

    // ---------------------------------------------------------------- Tensor helpers

    private static double[] row(double[] v, int r, int n) {
        return Arrays.copyOfRange(v, r * n, (r + 1) * n);
    }

    private static double lse(double[] v) {
        double m = Arrays.stream(v).max().orElseThrow();
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - m);
        }
        return m + Math.log(s);
    }

    @Test
    void logSumExpFamilyIsStable() {
        double inf = Double.NEGATIVE_INFINITY;
        HostArray x = HostArray.of(Shape.of(3, 4), new double[] {
            0.3, -1.2, 2.0, 0.7,
            1000, 1000, 999, -5,
            inf, inf, inf, inf});
        HostArray y = uniform(random, Shape.of(3, 4), -3, 3);
        List<HostArray> out = Traced.run(ws, List.of(x, y), (ops, in) -> List.of(
                in.get(0).logSumExp(-1), in.get(0).logMeanExp(1), in.get(1).logSumExp(0),
                in.get(1).logSoftmax(-1), in.get(1).softmax(-1), in.get(1).logSoftmax(0),
                in.get(0).logSumExp(1).reshape(3)));
        double[] xv = x.doubles();
        double[] yv = y.doubles();
        double[] lse = {lse(row(xv, 0, 4)), lse(row(xv, 1, 4)), inf};
        assertThat(lse[1]).isCloseTo(1000 + Math.log(2 + Math.exp(-1)), within(1e-12));
        assertClose(out.get(0), HostArray.vector(lse), TOL, "logSumExp");
        assertClose(out.get(1), HostArray.vector(lse[0] - Math.log(4), lse[1] - Math.log(4), inf), TOL, "logMeanExp");
        double[] col = new double[4];
        for (int j = 0; j < 4; j++) {
            col[j] = lse(new double[] {yv[j], yv[4 + j], yv[8 + j]});
        }
        assertClose(out.get(2), HostArray.vector(col), TOL, "logSumExp axis 0");
        double[] ls = new double[12];
        double[] sm = new double[12];
        double[] ls0 = new double[12];
        for (int i = 0; i < 3; i++) {
            double r = lse(row(yv, i, 4));
            double total = 0;
            for (int j = 0; j < 4; j++) {
                ls[i * 4 + j] = yv[i * 4 + j] - r;
                sm[i * 4 + j] = Math.exp(ls[i * 4 + j]);
                ls0[i * 4 + j] = yv[i * 4 + j] - col[j];
                total += out.get(4).get(i * 4 + j);
            }
            assertThat(total).isCloseTo(1.0, within(1e-14));
        }
        assertClose(out.get(3), HostArray.of(Shape.of(3, 4), ls), TOL, "logSoftmax");
        assertClose(out.get(4), HostArray.of(Shape.of(3, 4), sm), TOL, "softmax");
        assertClose(out.get(5), HostArray.of(Shape.of(3, 4), ls0), TOL, "logSoftmax axis 0");
    }

    @Test
    void sumTrailingClipAndLogSigmoid() {
        HostArray x = uniform(random, Shape.of(2, 3, 4), -2, 2);
        HostArray v = HostArray.vector(-800, -30, -1, 0, 2, 40, 800);
        boolean[] same = {false};
        List<HostArray> out = Traced.run(ws, List.of(x, v), (ops, in) -> {
            same[0] = in.get(1).sumTrailing() == in.get(1);
            return List.of(in.get(0).sumTrailing(), in.get(0).clip(-0.5, 1.0), in.get(1).logSigmoid());
        });
        assertThat(same[0]).as("a rank-1 tensor is its own sumTrailing").isTrue();
        assertClose(out.get(0), NdReference.reduce(x, new int[] {1, 2}, false, 0, Double::sum), TOL, "sumTrailing");
        assertClose(out.get(1), HostArray.of(x.shape(), Arrays.stream(x.doubles())
                .map(a -> Math.min(Math.max(a, -0.5), 1.0)).toArray()), 0, "clip");
        assertClose(out.get(2), HostArray.vector(Arrays.stream(v.doubles())
                .map(a -> -SpecialFunctions.softplus(-a)).toArray()), TOL, "logSigmoid");
    }

    // ---------------------------------------------------------------- gradients

    /** A fixed random weighting so that every output element influences the scalar. */
    private static Tensor weighted(Tensor y, long salt) {
        SplittableRandom r = new SplittableRandom(salt);
        double[] w = new double[y.shape().intSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        return y.mul(y.ops().constant(HostArray.of(y.shape(), w))).sum();
    }

    private static final double H = 1e-5;
    private static final double GRAD_TOL = 1e-6;

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void matmulGradients(boolean ta, boolean tb) {
        HostArray a = uniform(random, ta ? Shape.of(4, 3) : Shape.of(3, 4), -1, 1);
        HostArray b = uniform(random, tb ? Shape.of(2, 4) : Shape.of(4, 2), -1, 1);
        assertSmall(maxRelativeError(ws, "mm" + ta + tb, List.of(a, b),
                (ops, in) -> weighted(ops.matmul(in.get(0), in.get(1), ta, tb), 1), H), GRAD_TOL);
        HostArray a3 = uniform(random, ta ? Shape.of(2, 4, 3) : Shape.of(2, 3, 4), -1, 1);
        HostArray b3 = uniform(random, tb ? Shape.of(2, 2, 4) : Shape.of(2, 4, 2), -1, 1);
        assertSmall(maxRelativeError(ws, "bmm" + ta + tb, List.of(a3, b3),
                (ops, in) -> weighted(ops.matmul(in.get(0), in.get(1), ta, tb), 2), H), GRAD_TOL);
        assertSmall(maxRelativeError(ws, "bbmm" + ta + tb, List.of(a3, b),
                (ops, in) -> weighted(ops.matmul(in.get(0), in.get(1), ta, tb), 3), H), GRAD_TOL);
    }

    @ParameterizedTest(name = "stride={0} padding={1}")
    @MethodSource("convolutions")
    void convolutionGradientsWithRespectToInputAndFilter(int stride, Padding padding) {
        HostArray x = uniform(random, Shape.of(1, 5, 4, 2), -1, 1);
        HostArray f = uniform(random, Shape.of(3, 2, 2, 2), -1, 1);
        assertSmall(maxRelativeError(ws, "conv" + stride + padding, List.of(x, f),
                (ops, in) -> weighted(ops.conv2d(in.get(0), in.get(1), stride, stride, padding), 4), H), GRAD_TOL);
        Shape outShape = Shape.of(1, 5, 4, 2);
        boolean same = padding == Padding.SAME;
        int h = NdReference.convGeometry(5, 3, stride, same)[0];
        int w = NdReference.convGeometry(4, 2, stride, same)[0];
        HostArray y = uniform(random, Shape.of(1, h, w, 3), -1, 1);
        HostArray g = uniform(random, Shape.of(3, 2, 2, 3), -1, 1);
        assertSmall(maxRelativeError(ws, "convT" + stride + padding, List.of(y, g),
                (ops, in) -> weighted(ops.conv2dTranspose(in.get(0), in.get(1), outShape, stride, stride, padding), 5),
                H), GRAD_TOL);
    }

    @Test
    void gatherConcatAndWhereGradients() {
        HostArray x = uniform(random, Shape.of(4, 3), -1, 1);
        assertSmall(maxRelativeError(ws, "gather", List.of(x), (ops, in) -> weighted(
                in.get(0).gather(ops.constant(HostArray.ofInts(Shape.of(3), new int[] {2, 0, 2})), 0), 6)
                .add(weighted(in.get(0).gather(ops.constant(HostArray.ofLongs(Shape.of(2), new long[] {1, 1})), -1),
                        7)), H), GRAD_TOL);
        HostArray a = uniform(random, Shape.of(2, 1), -1, 1);
        HostArray b = uniform(random, Shape.of(2, 3), -1, 1);
        assertSmall(maxRelativeError(ws, "concat", List.of(a, b, x.reshape(Shape.of(2, 6))),
                (ops, in) -> weighted(ops.concat(1, in).square(), 8), H), GRAD_TOL);
        HostArray c = uniform(random, Shape.of(3, 1), -1, 1);
        HostArray cond = HostArray.ofBooleans(Shape.of(2, 3), new boolean[] {true, false, false, true, true, false});
        assertSmall(maxRelativeError(ws, "where", List.of(b, c.reshape(Shape.of(3))), (ops, in) -> weighted(
                ops.where(ops.constant(cond), in.get(0).square(), in.get(1).exp()), 10), H), GRAD_TOL);
    }

    @Test
    void broadcastToGradient() {
        HostArray c = uniform(random, Shape.of(3, 1), -1, 1);
        assertSmall(maxRelativeError(ws, "broadcast", List.of(c),
                (ops, in) -> weighted(in.get(0).broadcastTo(Shape.of(2, 3, 4)).sin(), 9), H), GRAD_TOL);
        HostArray s = HostArray.scalar(0.7);
        assertSmall(maxRelativeError(ws, "broadcast-scalar", List.of(s),
                (ops, in) -> weighted(ops.broadcastTo(in.get(0), Shape.of(2, 3)).square(), 19), H), GRAD_TOL);
    }

    @Test
    void structuralGradients() {
        HostArray x = uniform(random, Shape.of(2, 3, 4), -1, 1);
        assertSmall(maxRelativeError(ws, "reshape-transpose", List.of(x), (ops, in) -> weighted(
                in.get(0).reshape(6, 4).t().square(), 20).add(weighted(in.get(0).transpose(2, 0, 1).sin(), 21)), H),
                GRAD_TOL);
        assertSmall(maxRelativeError(ws, "stack-cumsum", List.of(x), (ops, in) -> weighted(
                ops.stack(1, List.of(in.get(0), in.get(0).square())), 22).add(weighted(ops.cumsum(in.get(0), -1)
                .square(), 23)), H), GRAD_TOL);
        HostArray m = uniform(random, Shape.of(3, 3), -1, 1);
        HostArray mb = uniform(random, Shape.of(2, 3, 3), -1, 1);
        assertSmall(maxRelativeError(ws, "diag", List.of(m, mb), (ops, in) -> weighted(ops.diagPart(in.get(0))
                .square(), 24).add(weighted(ops.diagPart(in.get(1)).square(), 25))
                .add(weighted(ops.diag(ops.diagPart(in.get(0)).exp()), 26))
                .add(weighted(ops.diag(ops.diagPart(in.get(1)).exp()), 27)), H), GRAD_TOL);
        HostArray v = uniform(random, Shape.of(2, 5), -1, 1);
        assertSmall(maxRelativeError(ws, "reductions", List.of(v), (ops, in) -> weighted(in.get(0).max(-1), 28)
                .add(weighted(in.get(0).min(0), 29)).add(weighted(in.get(0).mean(1), 30))
                .add(weighted(ops.reduce(Reduction.PROD, in.get(0), false, 1), 31)), H), GRAD_TOL);
    }

    @Test
    void sliceGradient() {
        HostArray x = uniform(random, Shape.of(3, 4), -1, 1);
        assertSmall(maxRelativeError(ws, "slice", List.of(x), (ops, in) -> weighted(
                ops.slice(in.get(0), new long[] {1, 1}, new long[] {2, -1}).square(), 32), H), GRAD_TOL);
    }

    @Test
    void topKValuesAreDifferentiable() {
        HostArray x = HostArray.of(Shape.of(2, 4), new double[] {0.3, -1.0, 2.0, 0.9, -0.5, 0.1, -2.0, 1.4});
        assertSmall(maxRelativeError(ws, "topk", List.of(x), (ops, in) -> weighted(ops.topK(in.get(0), 2), 33), H),
                GRAD_TOL);
    }

    /**
     * The documented contract of {@link TensorOps#gradients}: zeros where y does not depend on x, which includes
     * every path that only passes through non-differentiable operations (a stop-gradient, a cast from an integer or
     * boolean, a comparison). Non-reparameterised draws and parameters used behind a stop-gradient rely on it.
     */
    @Test
    void gradientsThroughOnlyNonDifferentiablePathsAreZero() {
        HostArray x = HostArray.vector(-1.5, 0.2, 2.7);
        List<HostArray> out = Traced.run(ws, List.of(x), (ops, in) -> {
            Tensor v = in.get(0);
            return List.of(
                    ops.gradients(v.stopGradient().square().sum(), List.of(v)).get(0),
                    ops.gradients(v.cast(DType.INT32).cast(DType.FLOAT64).sum(), List.of(v)).get(0),
                    ops.gradients(v.gt(0.0).cast(DType.FLOAT64).sum(), List.of(v)).get(0),
                    ops.gradients(v.square().sum().add(v.stopGradient().sum()), List.of(v)).get(0));
        });
        for (int i = 0; i < 3; i++) {
            assertThat(out.get(i)).isEqualTo(HostArray.vector(0, 0, 0));
        }
        assertThat(out.get(3)).isEqualTo(HostArray.vector(-3.0, 0.4, 5.4));
    }

    @Test
    void logSumExpAndSpecialFunctionGradients() {
        HostArray x = uniform(random, Shape.of(3, 4), -2, 2);
        assertSmall(maxRelativeError(ws, "lse", List.of(x), (ops, in) -> weighted(in.get(0).logSumExp(-1), 11)
                .add(weighted(in.get(0).logSumExp(0), 12)), H), GRAD_TOL);
        HostArray v = HostArray.vector(-2.1, -0.4, 0.3, 1.2, 2.6);
        assertSmall(maxRelativeError(ws, "softplus", List.of(v), (ops, in) -> weighted(in.get(0).softplus(), 13), H),
                GRAD_TOL);
        assertSmall(maxRelativeError(ws, "sigmoid", List.of(v), (ops, in) -> weighted(in.get(0).sigmoid(), 14), H),
                GRAD_TOL);
        assertSmall(maxRelativeError(ws, "erf", List.of(v), (ops, in) -> weighted(in.get(0).erf(), 15), H), GRAD_TOL);
        HostArray p = HostArray.vector(0.3, 0.9, 1.7, 4.2, 11.0);
        assertSmall(maxRelativeError(ws, "lgamma", List.of(p), (ops, in) -> weighted(in.get(0).lgamma(), 16), H),
                GRAD_TOL);
    }

    // ---------------------------------------------------------------- misuse

    @Test
    void binaryOpsRefuseMixedTypes() {
        assertThatThrownBy(() -> ws.compile("mixed", List.of(TensorSpec.of(DType.FLOAT64, 2),
                TensorSpec.of(DType.INT32, 2)), (ops, in) -> List.of(ops.binary(BinaryOp.ADD, in.get(0), in.get(1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ADD: operands have types float64 and int32; cast one of them");
        assertThatThrownBy(() -> ws.compile("mixed2", List.of(TensorSpec.of(DType.FLOAT64, 2)),
                (ops, in) -> List.of(in.get(0).lt(ops.constant(HostArray.ofFloats(Shape.of(2), new float[2]))))))
                .hasMessage("LESS: operands have types float64 and float32; cast one of them");
        assertThatThrownBy(() -> ws.compile("nobroadcast", List.of(TensorSpec.of(DType.FLOAT64, 2, 3),
                TensorSpec.of(DType.FLOAT64, 4)), (ops, in) -> List.of(in.get(0).add(in.get(1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shapes [2, 3] and [4] cannot be broadcast together");
    }

    @Test
    void matmulNamesTheMismatchedInnerDimensions() {
        List<TensorSpec> specs = List.of(TensorSpec.of(DType.FLOAT64, 2, 3), TensorSpec.of(DType.FLOAT64, 4, 5));
        assertThatThrownBy(() -> ws.compile("mm-bad", specs, (ops, in) -> List.of(in.get(0).matmul(in.get(1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: inner dimensions differ: [2, 3] times [4, 5]");
        assertThatThrownBy(() -> ws.compile("mm-bad-t", specs,
                (ops, in) -> List.of(ops.matmul(in.get(0), in.get(1), true, true))))
                .hasMessage("matmul: inner dimensions differ: [2, 3]ᵀ times [4, 5]ᵀ");
        assertThatThrownBy(() -> ws.compile("mm-vec", List.of(TensorSpec.of(DType.FLOAT64, 3),
                TensorSpec.of(DType.FLOAT64, 3, 2)), (ops, in) -> List.of(in.get(0).matmul(in.get(1)))))
                .hasMessage("matmul needs matrices, got shapes [3] and [3, 2]");
    }

    @Test
    void reshapeAndAxesAreChecked() {
        List<TensorSpec> specs = List.of(TensorSpec.of(DType.FLOAT64, 2, 3));
        assertThatThrownBy(() -> ws.compile("reshape-bad", specs, (ops, in) -> List.of(in.get(0).reshape(4, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reshape [2, 3] to [4, 2]");
        assertThatThrownBy(() -> ws.compile("axis-bad", specs, (ops, in) -> List.of(in.get(0).sum(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reduce: axis 2 is out of range for rank 2");
        assertThatThrownBy(() -> ws.compile("where-bad", specs,
                (ops, in) -> List.of(ops.where(in.get(0), in.get(0), in.get(0)))))
                .hasMessage("where: the condition must be bool, got float64");
        assertThatThrownBy(() -> ws.compile("seed-bad", specs,
                (ops, in) -> List.of(ops.randomNormal(Shape.of(2), DType.FLOAT64, in.get(0)))))
                .hasMessage("a random seed must be int64[2], got float64[2, 3]");
    }

    @Test
    void broadcastToRefusesATargetSmallerThanTheTensor() {
        assertThatThrownBy(() -> ws.compile("broadcast-bad", List.of(TensorSpec.of(DType.FLOAT64, 2, 3)),
                (ops, in) -> List.of(in.get(0).broadcastTo(Shape.of(3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot broadcast [2, 3] to [3]");
    }

    @Test
    void tensorsCannotCrossFunctions() {
        Tensor[] leaked = new Tensor[1];
        ws.compile("owner", List.of(TensorSpec.of(DType.FLOAT64, 2)), (ops, in) -> {
            leaked[0] = in.get(0).exp();
            return List.of(leaked[0]);
        });
        String expected = "tensor " + leaked[0] + " does not belong to function 'borrower': tensors cannot be shared"
                + " between functions";
        assertThatThrownBy(() -> ws.compile("borrower", List.of(TensorSpec.of(DType.FLOAT64, 2)),
                (ops, in) -> List.of(in.get(0).add(leaked[0]))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected);
        assertThatThrownBy(() -> ws.compile("borrower", List.of(TensorSpec.of(DType.FLOAT64, 2)),
                (ops, in) -> List.of(ops.unary(UnaryOp.EXP, leaked[0]))))
                .hasMessage(expected);
        assertThatThrownBy(() -> ws.compile("returner", List.of(), (ops, in) -> List.of(leaked[0])))
                .hasMessage("function 'returner' returned a tensor of another function");
    }
}
