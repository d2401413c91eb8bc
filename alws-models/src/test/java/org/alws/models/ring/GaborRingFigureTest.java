package org.alws.models.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.alws.api.backend.Workspace;
import org.alws.api.backend.WorkspaceOptions;
import org.alws.api.data.DataSplits;
import org.alws.api.model.FigureContext;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;
import org.alws.tensorflow.TensorFlowBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picture of a circle-prior model: its content is the mean images at 16 evenly spaced angles from −π and the
 * orientations of seeded joint draws, and it is written as a readable PNG whose strip holds the images' pixels; the
 * model writes it when a run ends.
 */
class GaborRingFigureTest {

    @Test
    void drawsTheImagesAlongTheCircleAndTheSamplesOrientations(@TempDir Path tmp) throws Exception {
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            GaborRingModel model = new GaborRingModel(List.of(8, 4), 0.0);
            GaborRingFigure.Content content = GaborRingFigure.content(ws, model, p, 200, SeedStream.root(4));
            double[] angles = content.along().angles().orElseThrow();
            assertThat(angles).hasSize(GaborRingFigure.ALONG);
            for (int j = 0; j < angles.length; j++) {
                assertThat(angles[j]).isCloseTo(-Math.PI + 2 * Math.PI * j / 16, within(1e-12));
            }
            assertThat(content.samples().count()).isEqualTo(200);
            assertThat(content.ks()).isEqualTo(KolmogorovSmirnov.againstUniform(content.samples().orientations(),
                    0, Math.PI));

            Path png = GaborRingFigure.write(tmp, content);
            assertThat(png).isEqualTo(tmp.resolve(GaborRingFigure.FILE));
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(16 * 64);
            // The first image's top-left pixel, drawn 4x4 at the strip's origin: grey level (v + 1) / 2.
            double v = content.along().images()[0];
            int grey = image.getRGB(24, 2 * 24 + 16) & 0xff;
            assertThat(grey).isCloseTo((int) Math.round(255 * Math.min(1, Math.max(0, (v + 1) / 2))), within(1));
        }
    }

    @Test
    void theModelDrawsItsFigureWhenARunEnds(@TempDir Path tmp) {
        DataSplits data = new GaborDataProvider().load(new GaborDataProvider.Options(1.0, 0.3, 0.8, 0.0, 0.0, 5, 5),
                SeedStream.root(1));
        try (Workspace ws = new TensorFlowBackend().open(WorkspaceOptions.defaults())) {
            Parameters p = new Parameters(ws, SeedStream.root(3).child("init"), "model/");
            GaborRingModel model = new GaborRingModel(List.of(8, 4), 0.0);
            model.drawFigures(new FigureContext(tmp, ws, model, p, data, new GaborDataProvider().defaultOptions(),
                    SeedStream.root(1), SeedStream.root(2)));
            assertThat(tmp.resolve(GaborRingFigure.FILE)).isRegularFile();
        }
    }
}
