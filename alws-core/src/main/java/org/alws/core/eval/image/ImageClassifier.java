package org.alws.core.eval.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.alws.api.ConfigException;
import org.alws.api.NumericalException;
import org.alws.api.backend.CompiledFunction;
import org.alws.api.backend.TensorSpec;
import org.alws.api.backend.Variable;
import org.alws.api.backend.Workspace;
import org.alws.api.data.Dataset;
import org.alws.api.learn.ParameterUpdates;
import org.alws.api.model.Initializer;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.DType;
import org.alws.api.tensor.DeviceArray;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Padding;
import org.alws.api.tensor.Shape;
import org.alws.api.tensor.Tensor;
import org.alws.api.tensor.TensorOps;
import org.alws.core.optim.Adam;
import org.alws.core.optim.AdamOptions;

/**
 * A small LeNet-style image classifier whose penultimate activations are the features of FID and KID:
 *
 * <pre>
 * x [n, H, W, C] → standardise (training pixels' mean and standard deviation) → zero-pad to H', W' (multiples of 4,
 * at least 16) → conv 5×5 (valid) → ReLU → max-pool 2×2 → conv 5×5 (valid) → ReLU → max-pool 2×2 → flatten
 * → dense → ReLU → dense → ReLU (the features) → dense (the logits)
 * </pre>
 *
 * <p>{@link #train} fits it with a fixed number of Adam steps on the cross-entropy of a labelled training split,
 * deterministically: the initial weights (Glorot uniform, zero biases) and the batch order are pure functions of
 * {@link ClassifierSettings#seed()}; each epoch visits every example once in a fresh seeded order (the last partial
 * batch of an epoch is left out). A trained classifier is immutable: its weights are host arrays, embedded as
 * constants in the functions that compute features, so it can be used in any float32 workspace.
 */
public final class ImageClassifier {
    /** Images per call of the compiled forward pass. */
    static final int FORWARD_BATCH = 500;
    /** The name of the standardisation mean among the weights (a scalar). */
    static final String INPUT_MEAN = "input/mean";
    /** The name of the standardisation scale among the weights (a scalar). */
    static final String INPUT_SCALE = "input/scale";
    private static final int KERNEL = 5;
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final ClassifierSettings settings;
    private final ImageGeometry geometry;
    private final int classes;
    private final Map<String, HostArray> weights;
    private final double testAccuracy;
    private final String functionName;

    /**
     * A trained classifier.
     *
     * @param weights every weight by name (float32), with {@value #INPUT_MEAN} and {@value #INPUT_SCALE}
     * @param testAccuracy its accuracy on the test split it was evaluated on
     * @throws IllegalArgumentException if a weight is missing or has the wrong shape
     */
    public ImageClassifier(ClassifierSettings settings, ImageGeometry geometry, int classes,
            Map<String, HostArray> weights, double testAccuracy) {
        this.settings = settings;
        this.geometry = geometry;
        this.classes = classes;
        Map<String, Shape> expected = shapes(settings, geometry, classes);
        Map<String, HostArray> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            HostArray w = weights.get(e.getKey());
            if (w == null || !w.shape().equals(e.getValue())) {
                throw new IllegalArgumentException("classifier weight '" + e.getKey() + "' should have shape "
                        + e.getValue() + ", got " + (w == null ? "none" : w.shape().toString()));
            }
            copy.put(e.getKey(), w.cast(DType.FLOAT32));
        }
        this.weights = Collections.unmodifiableMap(copy);
        this.testAccuracy = testAccuracy;
        this.functionName = "image-classifier-" + INSTANCES.incrementAndGet() + "/forward";
    }

    public ClassifierSettings settings() {
        return settings;
    }

    public ImageGeometry geometry() {
        return geometry;
    }

    /** The number of classes, K. */
    public int classes() {
        return classes;
    }

    /** Every weight by name, float32, in a fixed order. */
    public Map<String, HostArray> weights() {
        return weights;
    }

    /** The accuracy on the test split measured after training. */
    public double testAccuracy() {
        return testAccuracy;
    }

    // ------------------------------------------------------------------------------------------------ training

    /**
     * Trains a classifier on {@code train}'s labels and measures its accuracy on {@code test}.
     *
     * @param workspace a float32 workspace for the training variables (nothing else should live there)
     * @throws ConfigException if either split has no labels, a label is negative, or the examples are not images
     * @throws NumericalException if the loss stops being finite
     */
    public static ImageClassifier train(Workspace workspace, Dataset train, Dataset test,
            ClassifierSettings settings) {
        if (workspace.floatType() != DType.FLOAT32) {
            throw new IllegalArgumentException("the image classifier trains in a float32 workspace, got "
                    + workspace.floatType());
        }
        ImageGeometry g = ImageGeometry.of(train.exampleShape());
        int[] labels = labels(train, "training");
        int[] testLabels = labels(test, "test");
        int classes = 2;
        for (int y : labels) {
            classes = Math.max(classes, y + 1);
        }
        double[] standardisation = meanAndScale(train.all());
        Map<String, Shape> shapes = shapes(settings, g, classes);
        SeedStream seeds = SeedStream.root(settings.seed()).child("image-classifier");
        Parameters params = new Parameters(workspace, seeds.child("init"), "classifier/");
        Adam adam = new Adam(new AdamOptions(settings.learningRate(), 0.9, 0.999, 1e-8, 0.0));
        int n = train.size();
        int batch = Math.min(settings.batchSize(), n);
        CompiledFunction update = workspace.compile("image-classifier/train", List.of(
                new TensorSpec(g.batch(batch), DType.FLOAT32), TensorSpec.of(DType.INT32, batch)), (ops, in) -> {
                    Tensor logits = forward(ops, g, shapes, standardisation, in.get(0), (name, shape) ->
                            params.get(ops, name, shape, name.endsWith("/b") ? Initializer.zeros()
                                    : Initializer.glorotUniform()))[1];
                    Tensor loss = logits.logSoftmax(1).mul(ops.oneHot(in.get(1), shapes.get("logits/b").intSize(),
                            ops.floatType())).sum(1).mean().neg();
                    Map<String, Variable> vars = params.variables();
                    List<Tensor> reads = new ArrayList<>();
                    for (Variable v : vars.values()) {
                        reads.add(ops.read(v));
                    }
                    List<Tensor> grads = ops.gradients(loss, reads);
                    Map<Variable, Tensor> byVariable = new LinkedHashMap<>();
                    int i = 0;
                    for (Variable v : vars.values()) {
                        byVariable.put(v, grads.get(i++));
                    }
                    ParameterUpdates.apply(ops, workspace, adam, byVariable, loss, 0);
                    return List.of(loss);
                });
        int stepsPerEpoch = n / batch;
        int[] order = null;
        for (int step = 0; step < settings.steps(); step++) {
            int s = step % stepsPerEpoch;
            if (s == 0) {
                order = permutation(n, seeds.child("batches").random(step / stepsPerEpoch));
            }
            int[] idx = Arrays.copyOfRange(order, s * batch, (s + 1) * batch);
            int[] y = new int[batch];
            for (int k = 0; k < batch; k++) {
                y[k] = labels[idx[k]];
            }
            HostArray x = train.examples(idx).cast(DType.FLOAT32).reshape(g.batch(batch));
            List<DeviceArray> out = update.call(x, HostArray.ofInts(Shape.of(batch), y));
            double loss;
            try {
                loss = out.get(0).toHost().scalarValue();
            } finally {
                out.forEach(DeviceArray::close);
            }
            if (!Double.isFinite(loss)) {
                throw new NumericalException("training the image classifier: the loss is " + loss + " at step "
                        + step + "; no update was applied");
            }
        }
        Map<String, HostArray> trained = new LinkedHashMap<>(params.values());
        trained.put(INPUT_MEAN, HostArray.ofFloats(Shape.scalar(), new float[] {(float) standardisation[0]}));
        trained.put(INPUT_SCALE, HostArray.ofFloats(Shape.scalar(), new float[] {(float) standardisation[1]}));
        ImageClassifier untested = new ImageClassifier(settings, g, classes, trained, Double.NaN);
        double accuracy = untested.accuracy(workspace, test.all(), testLabels);
        return new ImageClassifier(settings, g, classes, trained, accuracy);
    }

    // ------------------------------------------------------------------------------------------------ inference

    /**
     * The penultimate activations of {@code images} (n rows of H·W·C pixels, in any shape and floating type).
     *
     * @param workspace any float32 workspace; the forward pass is compiled into it once per classifier
     */
    public Features features(Workspace workspace, HostArray images) {
        return run(workspace, images).features();
    }

    /** The fraction of {@code images} whose most likely class is their label. */
    public double accuracy(Workspace workspace, HostArray images, int[] labels) {
        int[] predicted = run(workspace, images).predictions();
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(predicted.length + " images but " + labels.length + " labels");
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : (double) right / labels.length;
    }

    private record Outputs(Features features, int[] predictions) {
    }

    private Outputs run(Workspace workspace, HostArray images) {
        int pixels = geometry.pixels();
        if (images.shape().rank() < 1 || images.size() != images.shape().dim(0) * pixels) {
            throw new IllegalArgumentException("the classifier takes images of " + geometry + " = " + pixels
                    + " pixels, got an array of shape " + images.shape());
        }
        int n = Math.toIntExact(images.shape().dim(0));
        int b = FORWARD_BATCH;
        CompiledFunction f = workspace.compile(functionName, List.of(new TensorSpec(geometry.batch(b),
                DType.FLOAT32)), (ops, in) -> {
                    double[] standardisation = {weights.get(INPUT_MEAN).get(0), weights.get(INPUT_SCALE).get(0)};
                    Tensor[] out = forward(ops, geometry, shapes(settings, geometry, classes), standardisation,
                            in.get(0),
                            (name, shape) -> ops.cast(ops.constant(weights.get(name)), ops.floatType()));
                    return List.of(out[0].cast(DType.FLOAT32), ops.argMax(out[1], 1));
                });
        float[] all = images.floats();
        int dim = settings.features();
        double[] features = new double[n * dim];
        int[] predictions = new int[n];
        for (int from = 0; from < n; from += b) {
            int count = Math.min(b, n - from);
            float[] chunk = new float[b * pixels];
            System.arraycopy(all, from * pixels, chunk, 0, count * pixels);
            List<DeviceArray> out = f.call(HostArray.ofFloats(geometry.batch(b), chunk));
            try {
                float[] feats = out.get(0).toHost().floats();
                int[] classOf = out.get(1).toHost().ints();
                for (int i = 0; i < count * dim; i++) {
                    features[from * dim + i] = feats[i];
                }
                System.arraycopy(classOf, 0, predictions, from, count);
            } finally {
                out.forEach(DeviceArray::close);
            }
        }
        return new Outputs(new Features(n, dim, features), predictions);
    }

    // ------------------------------------------------------------------------------------------------ network

    /** Supplies a weight of the network by name and shape. */
    @FunctionalInterface
    private interface WeightSource {
        Tensor get(String name, Shape shape);
    }

    /** The padded height or width: a multiple of 4, at least 16, so that both valid convolutions and pools fit. */
    static int padded(int size) {
        return Math.max(16, (size + 3) / 4 * 4);
    }

    /** The side of the maps after the second pooling, for a padded side {@code p}. */
    private static int pooledTwice(int p) {
        return ((p - (KERNEL - 1)) / 2 - (KERNEL - 1)) / 2;
    }

    /** Every trainable weight's shape by name, in creation order. */
    static Map<String, Shape> shapes(ClassifierSettings s, ImageGeometry g, int classes) {
        Map<String, Shape> out = new LinkedHashMap<>();
        out.put("conv1/w", Shape.of(KERNEL, KERNEL, g.channels(), s.conv1Channels()));
        out.put("conv1/b", Shape.of(s.conv1Channels()));
        out.put("conv2/w", Shape.of(KERNEL, KERNEL, s.conv1Channels(), s.conv2Channels()));
        out.put("conv2/b", Shape.of(s.conv2Channels()));
        long flat = (long) pooledTwice(padded(g.height())) * pooledTwice(padded(g.width())) * s.conv2Channels();
        out.put("dense/w", Shape.of(flat, s.hidden()));
        out.put("dense/b", Shape.of(s.hidden()));
        out.put("features/w", Shape.of(s.hidden(), s.features()));
        out.put("features/b", Shape.of(s.features()));
        out.put("logits/w", Shape.of(s.features(), classes));
        out.put("logits/b", Shape.of(classes));
        out.put(INPUT_MEAN, Shape.scalar());
        out.put(INPUT_SCALE, Shape.scalar());
        return out;
    }

    /** The features [n, F] and logits [n, K] of a batch of images (any shape with n rows of H·W·C). */
    private static Tensor[] forward(TensorOps ops, ImageGeometry g, Map<String, Shape> shapes,
            double[] standardisation, Tensor images, WeightSource w) {
        long n = images.dim(0);
        Tensor x = images.cast(ops.floatType()).reshape(g.batch(n)).sub(standardisation[0])
                .div(standardisation[1]);
        int ph = padded(g.height());
        int pw = padded(g.width());
        if (ph > g.height()) {
            x = ops.concat(1, List.of(x, ops.zeros(Shape.of(n, ph - g.height(), g.width(), g.channels()))));
        }
        if (pw > g.width()) {
            x = ops.concat(2, List.of(x, ops.zeros(Shape.of(n, ph, pw - g.width(), g.channels()))));
        }
        Tensor h = pool(ops.conv2d(x, w.get("conv1/w", shapes.get("conv1/w")), 1, 1, Padding.VALID)
                .add(w.get("conv1/b", shapes.get("conv1/b"))).relu());
        h = pool(ops.conv2d(h, w.get("conv2/w", shapes.get("conv2/w")), 1, 1, Padding.VALID)
                .add(w.get("conv2/b", shapes.get("conv2/b"))).relu());
        h = h.reshape(n, h.shape().size() / n);
        h = h.matmul(w.get("dense/w", shapes.get("dense/w"))).add(w.get("dense/b", shapes.get("dense/b"))).relu();
        Tensor features = h.matmul(w.get("features/w", shapes.get("features/w")))
                .add(w.get("features/b", shapes.get("features/b"))).relu();
        Tensor logits = features.matmul(w.get("logits/w", shapes.get("logits/w")))
                .add(w.get("logits/b", shapes.get("logits/b")));
        return new Tensor[] {features, logits};
    }

    /** 2×2 max-pooling of [n, h, w, c] with even h and w. */
    private static Tensor pool(Tensor x) {
        long[] d = x.shape().dims();
        return x.reshape(d[0], d[1] / 2, 2, d[2] / 2, 2, d[3]).max(2, 4);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static int[] labels(Dataset data, String split) {
        int[] labels = data.labels().orElseThrow(() -> new ConfigException("data", "the image classifier of "
                + "FID and KID trains on class labels, but the " + split + " split of this data set has none; use a "
                + "labelled image data set (e.g. fashion-mnist or mnist)"));
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new ConfigException("data", "label " + i + " of the " + split + " split is " + labels[i]
                        + "; the image classifier expects class labels 0, 1, ...");
            }
        }
        return labels;
    }

    /** The mean and standard deviation of every pixel of every image (a scale of 1 if they are all equal). */
    static double[] meanAndScale(HostArray images) {
        float[] f = images.dtype() == DType.FLOAT32 ? images.floats() : null;
        double[] d64 = f == null ? images.doubles() : null;
        int n = images.size();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += f != null ? f[i] : d64[i];
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = (f != null ? f[i] : d64[i]) - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / n);
        return new double[] {mean, sd > 0 && Double.isFinite(sd) ? sd : 1.0};
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
