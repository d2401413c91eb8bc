package org.alws.models.np;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.model.FigureContext;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.models.ica.IcaModel;
import org.alws.models.ica.IcaModelProvider;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The predictive-band picture: the normal distribution function and the mixture quantiles behind the band against
 * known values, the band's mean and quantiles against the predictive draws, and the picture itself, which the data
 * set draws for a neural process (its first six test functions) and not for other models.
 */
class NeuralProcessFigureTest {
    private static final SineFunctionsDataProvider.Options DATA = new SineFunctionsDataProvider.Options(10, 8, 100, 4,
            8, 0.1, -0.5, 1.0, -0.5, 0.5);

    @Test
    void theNormalDistributionFunctionAndMixtureQuantilesHaveTheirKnownValues() {
        assertThat(Gaussians.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Gaussians.cdf(-1)).isCloseTo(0.158655253931457, within(2e-7));
        assertThat(Gaussians.cdf(1.6448536269514722)).isCloseTo(0.95, within(2e-7));
        assertThat(Gaussians.cdf(-3)).isCloseTo(0.0013498980316301, within(2e-7));
        // One component: its own quantiles, mu +- 1.6449 sigma.
        assertThat(NeuralProcessFigure.mixtureQuantile(new double[] {0.3}, new double[] {2}, 0.05))
                .isCloseTo(0.3 - 2 * 1.6448536269514722, within(1e-5));
        // Identical components are one component.
        assertThat(NeuralProcessFigure.mixtureQuantile(new double[] {0.3, 0.3, 0.3}, new double[] {2, 2, 2}, 0.95))
                .isCloseTo(0.3 + 2 * 1.6448536269514722, within(1e-5));
        // A symmetric mixture: median 0 and quantiles symmetric about it.
        double[] overlapping = {-0.5, 0.5};
        double[] unit = {1, 1};
        assertThat(NeuralProcessFigure.mixtureQuantile(overlapping, unit, 0.5)).isCloseTo(0, within(1e-6));
        assertThat(NeuralProcessFigure.mixtureQuantile(overlapping, unit, 0.05)).isCloseTo(
                -NeuralProcessFigure.mixtureQuantile(overlapping, unit, 0.95), within(1e-6));
        // The 95% point of two well separated components is the upper component's 90% point: 5 + 1.2816 * 0.5.
        double[] locs = {-5, 5};
        double[] scales = {0.5, 0.5};
        assertThat(NeuralProcessFigure.mixtureQuantile(locs, scales, 0.95)).isCloseTo(5 + 0.5 * 1.2815515655446004,
                within(1e-5));
        assertThat(NeuralProcessFigure.mixtureQuantile(locs, scales, 0.05)).isCloseTo(-5 - 0.5 * 1.2815515655446004,
                within(1e-5));
    }

    @Test
    void theBandIsTheMixtureOfTheDrawnPredictivesAndThePictureIsWritten(@TempDir Path tmp) throws Exception {
        NeuralProcessModel model = new NeuralProcessModel(new NeuralProcessModelProvider.Options(4, 8, 4, 8));
        SineFunction[] functions = new SineFunction[3];
        for (int i = 0; i < 3; i++) {
            functions[i] = SineFunctionsDataProvider.testFunction(DATA, SeedStream.root(1), i);
        }
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            NeuralProcessFigure.Content content = NeuralProcessFigure.content(ws, model, p, functions, 50,
                    SeedStream.root(4));
            NeuralProcessPredictions.Predictive predictive = content.predictive();
            assertThat(predictive.points()).hasSize(NeuralProcessFigure.GRID);
            assertThat(predictive.points()[0]).isCloseTo(-Math.PI, within(1e-12));
            assertThat(predictive.points()[NeuralProcessFigure.GRID - 1]).isCloseTo(Math.PI, within(1e-12));
            assertThat(content.heldOut()).hasSize(3);
            assertThat(Arrays.stream(content.heldOut()).allMatch(Double::isFinite)).isTrue();
            for (int f = 0; f < 3; f++) {
                double[] mean = content.mean(f);
                double[] lower = content.quantile(f, NeuralProcessFigure.LOWER);
                double[] upper = content.quantile(f, NeuralProcessFigure.UPPER);
                for (int j = 0; j < NeuralProcessFigure.GRID; j += 37) {
                    double sum = 0;
                    double below = 0;
                    double above = 0;
                    for (int k = 0; k < 50; k++) {
                        double mu = predictive.loc(f, k, j);
                        double sigma = predictive.scale(f, k, j);
                        assertThat(sigma).isBetween(0.1, 1e6);
                        sum += mu;
                        below += Gaussians.cdf((lower[j] - mu) / sigma);
                        above += Gaussians.cdf((upper[j] - mu) / sigma);
                    }
                    assertThat(mean[j]).isCloseTo(sum / 50, within(1e-6));
                    assertThat(below / 50).isCloseTo(0.05, within(1e-6));
                    assertThat(above / 50).isCloseTo(0.95, within(1e-6));
                }
            }
            Path png = NeuralProcessFigure.write(tmp, content);
            assertThat(png).isEqualTo(tmp.resolve("neural-process.png"));
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(3 * 420);
            assertThat(count(image, 0xd62728)).as("pixels of the context points' red").isPositive();
            assertThat(count(image, 0x1f77b4)).as("pixels of the predictive mean's blue").isPositive();
        }
    }

    @Test
    void theDataSetDrawsTheFigureForANeuralProcessOnly(@TempDir Path tmp) throws Exception {
        DataSplits data = new SineFunctionsDataProvider().load(DATA, SeedStream.root(1));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            IcaModel ica = new IcaModel(new IcaModelProvider.Options(2, 20, 0.1, 1.0));
            new SineFunctionsDataProvider().drawFigures(new FigureContext(tmp, ws, ica, p, data, DATA,
                    SeedStream.root(1), SeedStream.root(2)));
            assertThat(tmp.resolve(NeuralProcessFigure.FILE)).doesNotExist();

            NeuralProcessModel model = new NeuralProcessModel(new NeuralProcessModelProvider.Options(4, 8, 4, 8));
            new SineFunctionsDataProvider().drawFigures(new FigureContext(tmp, ws, model, p, data, DATA,
                    SeedStream.root(1), SeedStream.root(2)));
            BufferedImage image = ImageIO.read(tmp.resolve(NeuralProcessFigure.FILE).toFile());
            // Six panels: three columns, two rows.
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(3 * 420);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(2 * 260);
        }
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
