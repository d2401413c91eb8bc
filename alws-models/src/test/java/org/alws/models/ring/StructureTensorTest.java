package org.alws.models.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The structure-tensor orientation recovers the known orientation of synthetic Gabor patches on the circle of
 * orientations (θ and θ + π are one orientation): the data set's to within 1°, others of other sizes, wavelengths
 * (6 to 24 pixels per cycle), envelopes and phases to within 1.5°, and noisy ones to within 5°.
 */
class StructureTensorTest {
    private static final GaborPatch REFERENCE = new GaborPatch(16, 1.0, 0.3, 0.8, 0.0);

    /** The distance between two orientations on [0, π), where 0 and π meet. */
    private static double orientationError(double a, double b) {
        double d = Math.abs(a - b) % Math.PI;
        return Math.min(d, Math.PI - d);
    }

    @Test
    void recoversTheOrientationOfTheDataSetsGabors() {
        double worst = 0;
        for (int k = 0; k < 180; k++) {
            double theta = Math.PI * k / 180;
            double estimate = StructureTensor.of(REFERENCE.render(theta), 16, 16).orientation();
            assertThat(estimate).isGreaterThanOrEqualTo(0).isLessThan(Math.PI);
            worst = Math.max(worst, orientationError(estimate, theta));
        }
        assertThat(Math.toDegrees(worst)).as("largest error in degrees").isLessThan(1.0);
    }

    @Test
    void recoversTheOrientationAcrossWavelengthsPhasesAndSizes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int size = 16 + random.nextInt(17);
            GaborPatch patch = new GaborPatch(size, 0.8 + 0.8 * random.nextDouble(),
                    0.25 + 0.2 * random.nextDouble(), 0.5 + 0.5 * random.nextDouble(),
                    2 * Math.PI * random.nextDouble());
            double theta = Math.PI * random.nextDouble();
            double estimate = StructureTensor.of(patch.render(theta), size, size).orientation();
            assertThat(Math.toDegrees(orientationError(estimate, theta))).as("%s at %s", patch, theta)
                    .isLessThan(1.5);
        }
    }

    @Test
    void noisyPatchesStayWithinAFewDegrees() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 100; trial++) {
            double theta = Math.PI * random.nextDouble();
            double[] image = REFERENCE.render(theta);
            for (int p = 0; p < image.length; p++) {
                image[p] += 0.1 * random.nextGaussian();
            }
            assertThat(Math.toDegrees(orientationError(StructureTensor.of(image, 16, 16).orientation(), theta)))
                    .isLessThan(5.0);
        }
    }

    @Test
    void rowsCountDownwardsAndAnglesTurnFromColumnsToRows() {
        // Stripes varying along the columns only (u): gradients along u, orientation 0.
        double[] alongColumns = new double[64];
        double[] alongRows = new double[64];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                alongColumns[i * 8 + j] = Math.sin(0.7 * j);
                alongRows[i * 8 + j] = Math.sin(0.7 * i);
            }
        }
        assertThat(StructureTensor.of(alongColumns, 8, 8).orientation()).isCloseTo(0.0, within(1e-12));
        assertThat(StructureTensor.of(alongRows, 8, 8).orientation()).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(StructureTensor.of(alongColumns, 8, 8).coherence()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theThreePointDifferenceWouldBiasTheAngle() {
        // The reason for the five-point stencil: a plane wave at 30 degrees, 7.5 pixels per cycle.
        double k = 2 * Math.PI / 7.5;
        double theta = Math.toRadians(30);
        double ku = k * Math.cos(theta);
        double kv = k * Math.sin(theta);
        double threePoint = Math.atan2(Math.sin(kv), Math.sin(ku));
        double fivePoint = Math.atan2(8 * Math.sin(kv) - Math.sin(2 * kv), 8 * Math.sin(ku) - Math.sin(2 * ku));
        assertThat(Math.toDegrees(threePoint - theta)).isGreaterThan(1.0);
        assertThat(Math.toDegrees(Math.abs(fivePoint - theta))).isLessThan(0.25);
    }

    @Test
    void flatImagesHaveNoCoherenceAndOrientationZero() {
        StructureTensor flat = StructureTensor.of(new double[25], 5, 5);
        assertThat(flat.orientation()).isZero();
        assertThat(flat.coherence()).isZero();
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> StructureTensor.of(new double[16], 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("structure tensor: got 16 values for a 4x4 "
                        + "image, expected height x width values with both sides >= 5");
        assertThatThrownBy(() -> StructureTensor.orientations(new double[50], 3, 5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("structure tensor: got 50 "
                        + "values for 3 images of 5x5");
    }
}
