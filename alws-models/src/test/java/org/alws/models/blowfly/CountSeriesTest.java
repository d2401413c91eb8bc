package org.alws.models.blowfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alws.api.DataException;
import org.alws.api.data.DataSplits;
import org.alws.api.random.SeedStream;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the counts: the bundled series, a user's CSV, and one-line errors naming the file and line. */
class CountSeriesTest {
    @TempDir
    Path tmp;

    private Path csv(String text) throws IOException {
        Path f = tmp.resolve("counts.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theBundledSeriesHasTheNicholsonCountsScaledByTheirMaximum() {
        BlowflyDataProvider provider = new BlowflyDataProvider();
        DataSplits d = provider.load(provider.defaultOptions(), SeedStream.root(1).child("data"));
        HostArray x = d.train().all();
        assertThat(x.shape()).isEqualTo(Shape.of(1, 180));
        double[] v = x.doubles();
        // The first counts are 948, 942, 911; the largest is 8921 (index 13); the last is 1346.
        assertThat(v[0]).isEqualTo(948.0 / 8921);
        assertThat(v[2]).isEqualTo(911.0 / 8921);
        assertThat(v[13]).isEqualTo(1.0);
        assertThat(v[179]).isEqualTo(1346.0 / 8921);
        double sum = 0;
        for (double c : v) {
            sum += c * 8921;
        }
        assertThat(sum).isCloseTo(446_569, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(d.test().all()).isEqualTo(x);
    }

    @Test
    void aUsersCsvIsReadFromTheNamedColumnSkippingCommentsAndBlankLines() throws IOException {
        Path f = csv("# counts\n\nday,adults,eggs\n0,10,3\n1, 20 ,4\n\n2,5,1\n");
        assertThat(CountSeries.read(f, "adults")).containsExactly(10, 20, 5);
        HostArray x = BlowflyDataProvider.series(new BlowflyDataProvider.Options(f.toString(), "eggs"));
        assertThat(x.doubles()).containsExactly(0.75, 1.0, 0.25);
    }

    @Test
    void aNonNumericCountNamesTheFileTheLineAndTheValue() throws IOException {
        Path f = csv("t,adults\n0,948\n1,lots\n");
        assertThatThrownBy(() -> CountSeries.read(f, "adults")).isInstanceOf(DataException.class)
                .hasMessage(f + " line 3: count 'lots' in column 'adults' is not a number");
    }

    @Test
    void aNegativeCountNamesTheFileAndTheLine() throws IOException {
        Path f = csv("# data\nt,adults\n0,948\n1,-3\n");
        assertThatThrownBy(() -> CountSeries.read(f, "adults")).isInstanceOf(DataException.class)
                .hasMessage(f + " line 4: count -3 in column 'adults' is negative; expected a finite number > 0 (a "
                        + "log-normal observation needs positive counts)");
    }

    @Test
    void aZeroCountIsRejectedBecauseTheObservationIsLogNormal() throws IOException {
        Path f = csv("t,adults\n0,0\n");
        assertThatThrownBy(() -> CountSeries.read(f, "adults")).isInstanceOf(DataException.class)
                .hasMessageStartingWith(f + " line 2: count 0 in column 'adults' is zero;");
    }

    @Test
    void structuralProblemsAreOneLineErrors() throws IOException {
        Path missingColumn = csv("t,count\n0,1\n");
        assertThatThrownBy(() -> CountSeries.read(missingColumn, "adults")).isInstanceOf(DataException.class)
                .hasMessage(missingColumn + " line 1: the header has no column 'adults'; its columns are t, count");
        Path ragged = csv("t,adults\n0,1\n1\n");
        assertThatThrownBy(() -> CountSeries.read(ragged, "adults")).isInstanceOf(DataException.class)
                .hasMessage(ragged + " line 3: has 1 fields, expected 2 as in the header");
        Path empty = csv("# nothing\n");
        assertThatThrownBy(() -> CountSeries.read(empty, "adults")).isInstanceOf(DataException.class)
                .hasMessage(empty + ": has no header line; expected a CSV header naming column 'adults'");
        Path headerOnly = csv("t,adults\n");
        assertThatThrownBy(() -> CountSeries.read(headerOnly, "adults")).isInstanceOf(DataException.class)
                .hasMessage(headerOnly + ": has a header but no counts");
        Path absent = tmp.resolve("absent.csv");
        assertThatThrownBy(() -> BlowflyDataProvider.series(new BlowflyDataProvider.Options(absent.toString(),
                "adults"))).isInstanceOf(DataException.class).hasMessage(absent + ": file does not exist");
    }
}
