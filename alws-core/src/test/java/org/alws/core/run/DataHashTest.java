package org.alws.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.alws.api.tensor.HostArray;
import org.alws.api.tensor.Shape;
import org.junit.jupiter.api.Test;

class DataHashTest {

    @Test
    void theHashIsTheDocumentedByteStream() throws Exception {
        HostArray a = HostArray.of(Shape.of(2, 1), new double[] {1.5, -0.0});
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("alws-array-v1:float64:".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(4 + 16 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2).putLong(2).putLong(1).putDouble(1.5).putDouble(-0.0);
        md.update(b.array());

        assertThat(DataHash.sha256(a)).isEqualTo(HexFormat.of().formatHex(md.digest())).hasSize(64);
    }

    @Test
    void equalDataHashEquallyAndAnyDifferenceChangesTheHash() {
        double[] v = {1, 2, 3, 4, 5, 6};
        String h = DataHash.sha256(HostArray.of(Shape.of(2, 3), v));

        assertThat(DataHash.sha256(HostArray.of(Shape.of(2, 3), v.clone()))).isEqualTo(h);
        assertThat(DataHash.sha256(HostArray.of(Shape.of(3, 2), v))).isNotEqualTo(h);
        assertThat(DataHash.sha256(HostArray.of(Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6.000000000000001})))
                .isNotEqualTo(h);
        assertThat(DataHash.sha256(HostArray.ofFloats(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6})))
                .isNotEqualTo(h);
        assertThat(DataHash.sha256(HostArray.scalar(0.0))).isNotEqualTo(DataHash.sha256(HostArray.scalar(-0.0)));
    }

    @Test
    void everyDtypeAndLargeArraysHashDeterministically() {
        int n = 100_001;
        float[] f = new float[n];
        long[] l = new long[n];
        int[] i = new int[n];
        boolean[] z = new boolean[n];
        for (int k = 0; k < n; k++) {
            f[k] = k * 0.5f;
            l[k] = (long) k << 33;
            i[k] = -k;
            z[k] = k % 3 == 0;
        }
        HostArray[] arrays = {
            HostArray.ofFloats(Shape.of(n), f), HostArray.ofLongs(Shape.of(n), l), HostArray.ofInts(Shape.of(n), i),
            HostArray.ofBooleans(Shape.of(n), z),
        };
        for (HostArray a : arrays) {
            assertThat(DataHash.sha256(a)).as(a.dtype().label()).isEqualTo(DataHash.sha256(a));
        }
        String before = DataHash.sha256(arrays[0]);
        float[] changed = f.clone();
        changed[n - 1] = 0;
        assertThat(DataHash.sha256(HostArray.ofFloats(Shape.of(n), changed))).isNotEqualTo(before);
        assertThat(DataHash.sha256(arrays[2])).isNotEqualTo(DataHash.sha256(arrays[3]));
    }

    @Test
    void namedArraysHashInNameOrder() {
        HostArray train = HostArray.vector(1, 2);
        HostArray test = HostArray.vector(3);

        String h = DataHash.sha256(Map.of("train", train, "test", test));

        assertThat(DataHash.sha256(new java.util.LinkedHashMap<>(Map.of("test", test, "train", train))))
                .isEqualTo(h);
        assertThat(DataHash.sha256(Map.of("train", test, "test", train))).isNotEqualTo(h);
    }
}
