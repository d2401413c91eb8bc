package org.alws.tensorflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.alws.api.BackendException;
import org.alws.api.ConfigException;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.config.Check;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.alws.tensorflow.TensorFlowBackend;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Scope;
import org.tensorflow.op.OpScope;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * One VAE training step written by hand as a TensorFlow graph: placeholders for the batch and the seed, raw
 * {@code MatMul}/{@code BiasAdd}/{@code Relu}/{@code Softplus} layers, ε from {@code StatelessRandomNormal}, the
 * gradient by {@link Graph#addGradients}, and one fused {@code ResourceApplyAdam} per variable, in one
 * {@link Session} configured as the framework's workspace (intra-op threads from the options, inter-op −1).
 *
 * <p>The objective is the one the framework's {@code vae} learner builds for the {@code mlp-decoder} model with the
 * default guide, written out: with encoder h = act(… act(x W₀ + b₀) …), μ = h W_μ + b_μ,
 * σ = softplus(h W_σ + b_σ) + 10⁻⁵, z = μ + σ ε (ε ~ N(0, I)), decoder output o = act(… z …) W_o + b_o, the loss is
 * the batch mean of −log p(x | z) + KL(N(μ, σ²) ‖ N(0, I)) with
 * <ul>
 *   <li>Bernoulli: −log p(x | z) = Σ_d softplus(o_d) − x_d o_d (sigmoid cross-entropy on logits);</li>
 *   <li>Gaussian: −log p(x | z) = Σ_d ½((x_d − o_d)/s)² + log s + ½ log 2π with s = exp(logSigma);</li>
 *   <li>KL = Σ_j −log σ_j + (σ_j² + μ_j²)/2 − ½.</li>
 * </ul>
 * Weights start Glorot-uniform from the given seed, biases at zero except b_σ = softplus⁻¹(1) (the framework's
 * default guide's). Adam is TensorFlow's ({@code ResourceApplyAdam} with β-power variables), which places ε after
 * the bias correction of the step size rather than of the moments: the same update up to the size of ε.
 *
 * <p>Not thread-safe. {@link #close()} closes the session, then the graph.
 */
public final class HandBuiltVae implements AutoCloseable {
    private static final double SOFTPLUS_INV_ONE = Math.log(Math.E - 1);
    private static final double SCALE_FLOOR = 1e-5;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * The sizes and choices of the network.
     *
     * @param pixels D, the data dimension
     * @param latent k, the latent dimension
     * @param encoderHidden units per hidden layer of the encoder
     * @param encoderLayers hidden layers of the encoder
     * @param encoderRelu ReLU (true) or tanh (false) in the encoder
     * @param decoderHidden units per hidden layer of the decoder
     * @param decoderLayers hidden layers of the decoder
     * @param decoderRelu ReLU (true) or tanh (false) in the decoder
     * @param gaussian Gaussian pixels with a learnable scalar log σ (true) or Bernoulli logits (false)
     * @param initialLogSigma the initial log σ of the Gaussian likelihood
     * @param batch examples per step
     */
    public record Architecture(int pixels, int latent, int encoderHidden, int encoderLayers, boolean encoderRelu,
            int decoderHidden, int decoderLayers, boolean decoderRelu, boolean gaussian, double initialLogSigma,
            int batch) {
        /** Validates. */
        public Architecture {
            Check.atLeast("pixels", pixels, 1);
            Check.atLeast("latent", latent, 1);
            Check.atLeast("encoderHidden", encoderHidden, 1);
            Check.atLeast("encoderLayers", encoderLayers, 0);
            Check.atLeast("decoderHidden", decoderHidden, 1);
            Check.atLeast("decoderLayers", decoderLayers, 0);
            Check.finite("initialLogSigma", initialLogSigma);
            Check.atLeast("batch", batch, 1);
        }
    }

    /**
     * Adam's settings.
     *
     * @param learningRate step size
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param epsilon added to the root of the second moment
     */
    public record Adam(double learningRate, double beta1, double beta2, double epsilon) {
        /** Validates. */
        public Adam {
            Check.positive("learningRate", learningRate);
            Check.inRange("beta1", beta1, 0, 0.999999);
            Check.inRange("beta2", beta2, 0, 0.999999999);
            Check.positive("epsilon", epsilon);
        }
    }

    /** A variable: its handle, its one read, its initial value and its write path. */
    private record Var(String name, Shape shape, Output<?> handle, Output<?> read, Output<?> writeInput,
            Operation write) {
    }

    private final Architecture arch;
    private final DType dtype;
    private final DataType tfType;
    private final Graph graph;
    private final Session session;
    private final Scope scope;
    private final Map<String, Var> parameters = new LinkedHashMap<>();
    private final List<Var> slots = new ArrayList<>();
    private Output<?> data;
    private Output<?> seed;
    private Output<?> noise;
    private Output<?> loss;
    private final List<Operation> updates = new ArrayList<>();
    private boolean closed;

    private HandBuiltVae(Architecture arch, Adam adam, WorkspaceOptions options, long seedValue) {
        this.arch = arch;
        this.dtype = options.floatType();
        this.tfType = dtype == DType.FLOAT32 ? DataType.DT_FLOAT : DataType.DT_DOUBLE;
        this.graph = new Graph();
        try {
            this.scope = new OpScope(graph);
            build(adam);
            ConfigProto.Builder config = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(options.intraOpThreads())
                    .setInterOpParallelismThreads(-1)
                    .setAllowSoftPlacement(true);
            if (options.device().equals("cpu")) {
                config.putDeviceCount("GPU", 0);
            }
            this.session = new Session(graph, config.build());
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
        try {
            initialise(adam, new SplittableRandom(seedValue));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Builds the graph and opens its session.
     *
     * @param options the floating type, intra-op threads and device, as for a framework workspace
     * @param seed seed of the initial weights
     * @throws BackendException if TensorFlow's native library is not available
     */
    public static HandBuiltVae open(Architecture architecture, Adam adam, WorkspaceOptions options, long seed) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(adam, "adam");
        var availability = new TensorFlowBackend().availability();
        if (!availability.isAvailable()) {
            throw new BackendException(availability.reason());
        }
        return new HandBuiltVae(architecture, adam, options, seed);
    }

    // ---- graph construction ----

    private OperationBuilder builder(String type) {
        return scope.opBuilder(type, type);
    }

    private Output<?> op(String type, Output<?>... inputs) {
        OperationBuilder b = builder(type);
        for (Output<?> in : inputs) {
            b.addInput(in);
        }
        return b.build().output(0);
    }

    private Output<?> constant(double v) {
        try (Tensor t = dtype == DType.FLOAT32 ? TFloat32.scalarOf((float) v) : TFloat64.scalarOf(v)) {
            return builder("Const").setAttr("value", t).setAttr("dtype", tfType).build().output(0);
        }
    }

    private Output<?> int32s(int... v) {
        try (Tensor t = org.tensorflow.types.TInt32.vectorOf(v)) {
            return builder("Const").setAttr("value", t).setAttr("dtype", DataType.DT_INT32).build().output(0);
        }
    }

    private Output<?> placeholder(DataType type, long... shape) {
        return builder("Placeholder").setAttr("dtype", type)
                .setAttr("shape", org.tensorflow.ndarray.Shape.of(shape)).build().output(0);
    }

    private Var variable(String name, long... shape) {
        org.tensorflow.ndarray.Shape s = org.tensorflow.ndarray.Shape.of(shape);
        Output<?> handle = builder("VarHandleOp").setAttr("dtype", tfType).setAttr("shape", s)
                .setAttr("shared_name", "handbuilt/" + name).build().output(0);
        Output<?> read = builder("ReadVariableOp").addInput(handle).setAttr("dtype", tfType).build().output(0);
        Output<?> in = placeholder(tfType, shape);
        Operation write = builder("AssignVariableOp").addInput(handle).addInput(in).setAttr("dtype", tfType).build();
        return new Var(name, Shape.of(shape), handle, read, in, write);
    }

    private Var parameter(String name, long... shape) {
        Var v = variable(name, shape);
        parameters.put(name, v);
        return v;
    }

    private Output<?> matmul(Output<?> a, Output<?> b) {
        return builder("MatMul").addInput(a).addInput(b).setAttr("transpose_a", false).setAttr("transpose_b", false)
                .build().output(0);
    }

    /** x W + b with parameters {@code prefix/w} [in, out] and {@code prefix/b} [out]. */
    private Output<?> dense(String prefix, Output<?> x, long in, long out) {
        Var w = parameter(prefix + "/w", in, out);
        Var b = parameter(prefix + "/b", out);
        return op("BiasAdd", matmul(x, w.read), b.read);
    }

    private Output<?> mlp(String prefix, Output<?> x, long in, int layers, long hidden, boolean relu) {
        Output<?> h = x;
        long width = in;
        for (int i = 0; i < layers; i++) {
            h = op(relu ? "Relu" : "Tanh", dense(prefix + "/" + i, h, width, hidden));
            width = hidden;
        }
        return h;
    }

    private Output<?> sum(Output<?> x, int... axes) {
        return builder("Sum").addInput(x).addInput(int32s(axes)).setAttr("keep_dims", false).build().output(0);
    }

    private Output<?> mean(Output<?> x, int... axes) {
        return builder("Mean").addInput(x).addInput(int32s(axes)).setAttr("keep_dims", false).build().output(0);
    }

    private void build(Adam adam) {
        long b = arch.batch();
        long d = arch.pixels();
        long k = arch.latent();
        data = placeholder(tfType, b, d);
        seed = placeholder(DataType.DT_INT64, 2);

        // Encoder q(z | x) = N(μ, σ²).
        Output<?> h = mlp("encoder", data, d, arch.encoderLayers(), arch.encoderHidden(), arch.encoderRelu());
        long width = arch.encoderLayers() > 0 ? arch.encoderHidden() : d;
        Output<?> mu = dense("encoder/loc", h, width, k);
        Output<?> sigma = op("AddV2", op("Softplus", dense("encoder/scale", h, width, k)), constant(SCALE_FLOOR));

        // z = μ + σ ε.
        noise = builder("StatelessRandomNormal").addInput(int32s((int) b, (int) k)).addInput(seed)
                .setAttr("dtype", tfType).build().output(0);
        Output<?> z = op("AddV2", mu, op("Mul", sigma, noise));

        // Decoder and −log p(x | z), [B].
        Output<?> g = mlp("decoder", z, k, arch.decoderLayers(), arch.decoderHidden(), arch.decoderRelu());
        long gWidth = arch.decoderLayers() > 0 ? arch.decoderHidden() : k;
        Output<?> out = dense("decoder/out", g, gWidth, d);
        Output<?> nll;
        if (arch.gaussian()) {
            Var logSigma = parameter("logSigma");
            Output<?> u = op("Mul", op("Sub", data, out), op("Exp", op("Neg", logSigma.read)));
            Output<?> perPixel = op("AddV2", op("Mul", op("Square", u), constant(0.5)),
                    op("AddV2", logSigma.read, constant(HALF_LOG_2PI)));
            nll = sum(perPixel, 1);
        } else {
            nll = sum(op("Sub", op("Softplus", out), op("Mul", data, out)), 1);
        }

        // KL(N(μ, σ²) ‖ N(0, I)), [B].
        Output<?> klTerms = op("Sub", op("AddV2", op("Neg", op("Log", sigma)),
                op("Mul", op("AddV2", op("Square", sigma), op("Square", mu)), constant(0.5))), constant(0.5));
        Output<?> kl = sum(klTerms, 1);
        loss = mean(op("AddV2", nll, kl), 0);

        // Gradients and one fused Adam update per parameter, after the loss has read every parameter.
        List<Var> vars = new ArrayList<>(parameters.values());
        Output<?>[] xs = new Output<?>[vars.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = vars.get(i).read;
        }
        Output<?>[] grads = graph.addGradients("handbuilt_gradients", new Output<?>[] {loss}, xs, null);
        Var beta1Power = variable("beta1Power");
        Var beta2Power = variable("beta2Power");
        slots.add(beta1Power);
        slots.add(beta2Power);
        Output<?> lr = constant(adam.learningRate());
        Output<?> beta1 = constant(adam.beta1());
        Output<?> beta2 = constant(adam.beta2());
        Output<?> epsilon = constant(adam.epsilon());
        List<Operation> applies = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            Var v = vars.get(i);
            long[] shape = v.shape().dims();
            Var m = variable(v.name() + "/m", shape);
            Var s = variable(v.name() + "/v", shape);
            slots.add(m);
            slots.add(s);
            applies.add(builder("ResourceApplyAdam").addInput(v.handle).addInput(m.handle).addInput(s.handle)
                    .addInput(beta1Power.read).addInput(beta2Power.read).addInput(lr).addInput(beta1)
                    .addInput(beta2).addInput(epsilon).addInput(grads[i]).addControlInput(loss.op())
                    .setAttr("T", tfType).setAttr("use_locking", false).setAttr("use_nesterov", false).build());
        }
        for (Var p : List.of(beta1Power, beta2Power)) {
            Output<?> factor = p == beta1Power ? beta1 : beta2;
            OperationBuilder assign = builder("AssignVariableOp").addInput(p.handle)
                    .addInput(op("Mul", p.read, factor)).setAttr("dtype", tfType);
            for (Operation a : applies) {
                assign.addControlInput(a);
            }
            updates.add(assign.build());
        }
        updates.addAll(applies);
    }

    private void initialise(Adam adam, SplittableRandom random) {
        for (Var v : parameters.values()) {
            double[] values = new double[v.shape().intSize()];
            if (v.name().endsWith("/w")) {
                double limit = Math.sqrt(6.0 / (v.shape().dim(0) + v.shape().dim(1)));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (2 * random.nextDouble() - 1) * limit;
                }
            } else if (v.name().equals("encoder/scale/b")) {
                java.util.Arrays.fill(values, SOFTPLUS_INV_ONE);
            } else if (v.name().equals("logSigma")) {
                values[0] = arch.initialLogSigma();
            }
            write(v, HostArray.of(v.shape(), values));
        }
        for (Var s : slots) {
            double[] values = new double[s.shape().intSize()];
            if (s.name().equals("beta1Power")) {
                values[0] = adam.beta1();
            } else if (s.name().equals("beta2Power")) {
                values[0] = adam.beta2();
            }
            write(s, HostArray.of(s.shape(), values));
        }
    }

    // ---- running ----

    private Tensor toTensor(HostArray a) {
        org.tensorflow.ndarray.Shape s = org.tensorflow.ndarray.Shape.of(a.shape().dims());
        return dtype == DType.FLOAT32 ? TFloat32.tensorOf(s, DataBuffers.of(a.floats(), true, false))
                : TFloat64.tensorOf(s, DataBuffers.of(a.doubles(), true, false));
    }

    private HostArray toHost(Tensor t, Shape shape) {
        if (t instanceof TFloat32 f) {
            float[] v = new float[shape.intSize()];
            f.copyTo(DataBuffers.of(v, false, false));
            return HostArray.ofFloats(shape, v);
        }
        double[] v = new double[shape.intSize()];
        ((TFloat64) t).copyTo(DataBuffers.of(v, false, false));
        return HostArray.of(shape, v);
    }

    private void write(Var v, HostArray value) {
        try (Tensor t = toTensor(value)) {
            session.runner().feed(v.writeInput, t).addTarget(v.write).run().close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the hand-built VAE is closed");
        }
    }

    private void checkBatch(HostArray batch) {
        Shape want = Shape.of(arch.batch(), arch.pixels());
        if (!batch.shape().equals(want)) {
            throw new ConfigException("batch", batch.shape(), "an array of shape " + want);
        }
    }

    /** The INT64[2] seed of the draws of ε at {@code step}: (seed, step). */
    private static TInt64 seedTensor(long seed, long step) {
        return TInt64.vectorOf(seed, step);
    }

    /**
     * One training step: the loss (the batch mean of the negative ELBO, at the parameters before the update) and one
     * Adam update of every parameter, in one {@link Session} run.
     *
     * @param batch the data, [batch, pixels]
     * @param noiseSeed the seed of ε; ε is a pure function of ({@code noiseSeed}, {@code step})
     * @param step the step index
     */
    public double step(HostArray batch, long noiseSeed, long step) {
        ensureOpen();
        checkBatch(batch);
        try (Tensor x = toTensor(batch); TInt64 s = seedTensor(noiseSeed, step)) {
            Session.Runner r = session.runner().feed(data, x).feed(seed, s).fetch(loss);
            for (Operation u : updates) {
                r.addTarget(u);
            }
            try (Result out = r.run()) {
                return scalar(out.get(0));
            }
        }
    }

    /** The loss at the current parameters, without an update. */
    public double loss(HostArray batch, long noiseSeed, long step) {
        ensureOpen();
        checkBatch(batch);
        try (Tensor x = toTensor(batch); TInt64 s = seedTensor(noiseSeed, step);
                Result out = session.runner().feed(data, x).feed(seed, s).fetch(loss).run()) {
            return scalar(out.get(0));
        }
    }

    /** The ε [batch, latent] drawn at ({@code noiseSeed}, {@code step}). */
    public HostArray noise(long noiseSeed, long step) {
        ensureOpen();
        try (TInt64 s = seedTensor(noiseSeed, step);
                Result out = session.runner().feed(seed, s).fetch(noise).run()) {
            return toHost(out.get(0), Shape.of(arch.batch(), arch.latent()));
        }
    }

    private static double scalar(Tensor t) {
        return t instanceof TFloat32 f ? f.getFloat() : ((TFloat64) t).getDouble();
    }

    /**
     * The current parameters by name, in creation order: {@code encoder/<i>/w}, {@code encoder/<i>/b},
     * {@code encoder/loc/w|b}, {@code encoder/scale/w|b}, {@code decoder/<i>/w|b}, {@code decoder/out/w|b} and, for
     * the Gaussian likelihood, {@code logSigma}.
     */
    public Map<String, HostArray> parameters() {
        ensureOpen();
        Map<String, HostArray> out = new LinkedHashMap<>();
        for (Var v : parameters.values()) {
            try (Result r = session.runner().fetch(v.read).run()) {
                out.put(v.name(), toHost(r.get(0), v.shape()));
            }
        }
        return out;
    }

    public Architecture architecture() {
        return arch;
    }

    public DType dtype() {
        return dtype;
    }

    /** Closes the session, then the graph (the order TensorFlow needs); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (session != null) {
                session.close();
            }
        } finally {
            graph.close();
        }
    }
}
