package org.alws.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.ConfigException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.learn.Learner;
import org.alws.api.learn.LearnerProvider;
import org.alws.core.run.Json;
import org.junit.jupiter.api.Test;

class OptionsBinderTest {

    enum Bandwidth { MEDIAN_HEURISTIC, FIXED }

    record AlwsOptions(
            @Doc("sleep samples drawn per step") int sleepSamples,
            @Doc("ridge added to the kernel diagonal") double ridge,
            long seed,
            boolean learnKernel,
            String label,
            Bandwidth bandwidth,
            double[] weights,
            int[] widths,
            long[] dims,
            float scale,
            List<String> tags,
            List<Double> rates,
            Integer maybe) {
        AlwsOptions {
            Check.atLeast("sleepSamples", sleepSamples, 1);
            Check.positive("ridge", ridge);
            if (label != null && label.equals("forbidden")) {
                throw new IllegalArgumentException("label 'forbidden' is reserved");
            }
        }
    }

    static final AlwsOptions DEFAULTS = new AlwsOptions(100, 1e-3, 7L, true, "run", Bandwidth.MEDIAN_HEURISTIC,
            new double[] {1.0, 0.5}, new int[] {64, 64}, new long[] {3L}, 1.5f, List.of("a", "b"),
            List.of(0.1, 0.01), null);

    static final class AlwsProvider implements LearnerProvider<AlwsOptions> {
        @Override
        public String name() {
            return "alws";
        }

        @Override
        public String description() {
            return "amortised learning by wake-sleep";
        }

        @Override
        public AlwsOptions defaultOptions() {
            return DEFAULTS;
        }

        @Override
        public Learner create(AlwsOptions options) {
            throw new UnsupportedOperationException("test");
        }
    }

    private static final AlwsProvider ALWS = new AlwsProvider();

    private static AlwsOptions bind(Map<String, ?> values) {
        return OptionsBinder.bind(ALWS, values);
    }

    @Test
    void noValuesGiveTheDefaults() {
        AlwsOptions o = bind(Map.of());

        assertThat(OptionsBinder.toMap(o)).isEqualTo(OptionsBinder.toMap(DEFAULTS));
    }

    @Test
    void commandLineStringsConvertToEveryComponentType() {
        Map<String, Object> values = OptionsBinder.parseAssignments(List.of(
                "sleepSamples=2000", "ridge=1e-3", "seed=12345678901", "learnKernel=FALSE", "label=my run",
                "bandwidth=fixed", "weights=[1, 0.5]", "widths=3,4", "dims=[]", "scale=0.25", "tags=[x, 'y z']",
                "rates=1e-2", "maybe=5"));

        AlwsOptions o = bind(values);

        assertThat(o.sleepSamples()).isEqualTo(2000);
        assertThat(o.ridge()).isEqualTo(1e-3);
        assertThat(o.seed()).isEqualTo(12345678901L);
        assertThat(o.learnKernel()).isFalse();
        assertThat(o.label()).isEqualTo("my run");
        assertThat(o.bandwidth()).isEqualTo(Bandwidth.FIXED);
        assertThat(o.weights()).containsExactly(1.0, 0.5);
        assertThat(o.widths()).containsExactly(3, 4);
        assertThat(o.dims()).isEmpty();
        assertThat(o.scale()).isEqualTo(0.25f);
        assertThat(o.tags()).containsExactly("x", "y z");
        assertThat(o.rates()).containsExactly(0.01);
        assertThat(o.maybe()).isEqualTo(5);
    }

    @Test
    void moreStringForms() {
        AlwsOptions o = bind(Map.of("sleepSamples", "1e3", "ridge", " 2.5E-1 ", "weights", "1,0.5",
                "bandwidth", "Median-Heuristic", "tags", "", "learnKernel", "true"));

        assertThat(o.sleepSamples()).isEqualTo(1000);
        assertThat(o.ridge()).isEqualTo(0.25);
        assertThat(o.weights()).containsExactly(1.0, 0.5);
        assertThat(o.bandwidth()).isEqualTo(Bandwidth.MEDIAN_HEURISTIC);
        assertThat(o.tags()).isEmpty();
        assertThat(o.learnKernel()).isTrue();
    }

    @Test
    void jsonValuesConvertToEveryComponentType() throws Exception {
        Map<String, Object> values = Json.mapper().readValue("""
                {"sleepSamples": 2000.0, "ridge": 1, "seed": 9007199254740993, "learnKernel": false,
                 "label": "x", "bandwidth": "FIXED", "weights": [1, 0.5, -2e-3], "widths": [8],
                 "dims": [2, 3], "scale": 2, "tags": ["p"], "rates": [1, 2.5], "maybe": null}
                """, new TypeReference<Map<String, Object>>() { });

        AlwsOptions o = bind(values);

        assertThat(o.sleepSamples()).isEqualTo(2000);
        assertThat(o.ridge()).isEqualTo(1.0);
        assertThat(o.seed()).isEqualTo(9007199254740993L);
        assertThat(o.learnKernel()).isFalse();
        assertThat(o.bandwidth()).isEqualTo(Bandwidth.FIXED);
        assertThat(o.weights()).containsExactly(1.0, 0.5, -2e-3);
        assertThat(o.widths()).containsExactly(8);
        assertThat(o.dims()).containsExactly(2L, 3L);
        assertThat(o.scale()).isEqualTo(2f);
        assertThat(o.tags()).containsExactly("p");
        assertThat(o.rates()).containsExactly(1.0, 2.5);
        assertThat(o.maybe()).isNull();
    }

    @Test
    void kebabCaseKeysNameComponents() {
        assertThat(bind(Map.of("sleep-samples", "5")).sleepSamples()).isEqualTo(5);

        Map<String, Object> both = new LinkedHashMap<>();
        both.put("sleepSamples", 5);
        both.put("sleep-samples", 6);
        assertThatThrownBy(() -> bind(both)).isInstanceOf(ConfigException.class)
                .hasMessage("learner alws: option 'sleepSamples' is given twice (as 'sleepSamples' and "
                        + "'sleep-samples')");
    }

    @Test
    void anUnknownKeyListsTheKnownOptions() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind(Map.of("sleepSample", 5)));

        assertThat(e).hasMessage("learner alws: unknown option 'sleepSample'; known options: sleepSamples, ridge,"
                + " seed, learnKernel, label, bandwidth, weights, widths, dims, scale, tags, rates, maybe");
        assertThat(e.field()).isEqualTo("sleepSample");
    }

    @Test
    void wrongTypesNameTheFieldTheValueAndTheExpectation() {
        assertError("sleepSamples", "abc", "learner alws: sleepSamples: got 'abc', expected an integer");
        assertError("sleepSamples", 2.5, "learner alws: sleepSamples: got 2.5, expected an integer");
        assertError("sleepSamples", "2.5", "learner alws: sleepSamples: got '2.5', expected an integer");
        assertError("sleepSamples", true, "learner alws: sleepSamples: got true, expected an integer");
        assertError("sleepSamples", "3000000000",
                "learner alws: sleepSamples: got '3000000000', expected an integer in [-2147483648, 2147483647]");
        assertError("sleepSamples", null, "learner alws: sleepSamples: got null, expected an integer");
        assertError("seed", "1x", "learner alws: seed: got '1x', expected an integer");
        assertError("ridge", "1e-3x", "learner alws: ridge: got '1e-3x', expected a number");
        assertError("ridge", List.of(1), "learner alws: ridge: got [1], expected a number");
        assertError("learnKernel", "yes", "learner alws: learnKernel: got 'yes', expected true or false");
        assertError("label", 5, "learner alws: label: got 5, expected a string");
        assertError("bandwidth", "mean",
                "learner alws: bandwidth: got 'mean', expected one of median-heuristic, fixed");
        assertError("weights", "[1, x]", "learner alws: weights: got '[1, x]', expected a list of numbers");
        assertError("widths", List.of(1, 2.5), "learner alws: widths: got [1, 2.5], expected a list of integers");
        assertError("scale", "1e39",
                "learner alws: scale: got '1e39', expected a number within the float range (magnitude <= "
                        + Float.MAX_VALUE + ")");
        assertError("tags", List.of("a", 1), "learner alws: tags: got [a, 1], expected a list of strings");
        assertError("rates", "[0.1, fast]", "learner alws: rates: got '[0.1, fast]', expected a list of numbers");
    }

    @Test
    void aRejectionByTheRecordIsRethrownWithThePluginInFront() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> bind(Map.of("ridge", "-1")));

        assertThat(e).hasMessage("learner alws: ridge: got -1.0, expected a finite number > 0");
        assertThat(e.field()).isEqualTo("ridge");
        assertThat(e.getCause()).isInstanceOf(ConfigException.class)
                .hasMessage("ridge: got -1.0, expected a finite number > 0");

        assertThatThrownBy(() -> bind(Map.of("sleepSamples", 0)))
                .hasMessage("learner alws: sleepSamples: got 0, expected an integer >= 1");
        assertThatThrownBy(() -> bind(Map.of("label", "forbidden"))).isInstanceOf(ConfigException.class)
                .hasMessage("learner alws: invalid options: IllegalArgumentException: label 'forbidden' is reserved");
    }

    record Odd(Map<String, String> extra) {
    }

    @Test
    void aComponentTypeThatCannotBeBoundIsReported() {
        assertThatThrownBy(() -> OptionsBinder.bind("model odd", new Odd(Map.of()), Map.of("extra", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model odd: option 'extra' has type java.util.Map<java.lang.String, java.lang.String>,"
                        + " which cannot be set from configuration");
    }

    @Test
    void assignmentsMustHaveAKeyAndAnEqualsSign() {
        assertThatThrownBy(() -> OptionsBinder.parseAssignments(List.of("oops")))
                .isInstanceOf(ConfigException.class).hasMessage("option: got 'oops', expected key=value");
        assertThatThrownBy(() -> OptionsBinder.parseAssignments(List.of("=3")))
                .hasMessage("option: got '=3', expected key=value");
        assertThatThrownBy(() -> OptionsBinder.parseAssignments(List.of("ridge=1", "ridge=2")))
                .isInstanceOf(ConfigException.class).hasMessage("option 'ridge' is given twice");
        assertThat(OptionsBinder.parseAssignments(List.of("tags=a=b", "ridge= 1 ")))
                .containsExactly(Map.entry("tags", "a=b"), Map.entry("ridge", "1"));
    }

    @Test
    void toMapGivesPlainValuesInDeclarationOrder() {
        Map<String, Object> map = OptionsBinder.toMap(DEFAULTS);

        assertThat(map.keySet()).containsExactly("sleepSamples", "ridge", "seed", "learnKernel", "label",
                "bandwidth", "weights", "widths", "dims", "scale", "tags", "rates", "maybe");
        assertThat(map.get("bandwidth")).isEqualTo("median-heuristic");
        assertThat(map.get("weights")).isEqualTo(List.of(1.0, 0.5));
        assertThat(map.get("widths")).isEqualTo(List.of(64, 64));
        assertThat(map.get("dims")).isEqualTo(List.of(3L));
        assertThat(map.get("sleepSamples")).isEqualTo(100);
        assertThat(map.get("maybe")).isNull();
    }

    @Test
    void recordToMapToRecordRoundTripsExactly() {
        AlwsOptions original = new AlwsOptions(3, Math.PI, Long.MIN_VALUE, false, "r", Bandwidth.FIXED,
                new double[] {0.1, 1e-300, -0.0, Double.MAX_VALUE}, new int[] {Integer.MIN_VALUE}, new long[0],
                Float.MIN_VALUE, List.of(), List.of(Double.MIN_VALUE), 42);

        AlwsOptions copy = OptionsBinder.bind("learner alws", DEFAULTS, OptionsBinder.toMap(original));

        assertThat(OptionsBinder.toMap(copy)).isEqualTo(OptionsBinder.toMap(original));
        assertThat(Double.doubleToRawLongBits(copy.weights()[2])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void recordToJsonToRecordRoundTripsExactly() throws Exception {
        AlwsOptions original = new AlwsOptions(3, 0.1 + 0.2, 1L << 60, false, "r", Bandwidth.FIXED,
                new double[] {1.0 / 3, 1e-300}, new int[] {1}, new long[] {Long.MAX_VALUE}, 0.1f, List.of("q"),
                List.of(2.0 / 3), null);
        String json = Json.write(OptionsBinder.toMap(original));

        Map<String, Object> parsed = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        AlwsOptions copy = OptionsBinder.bind(ALWS, parsed);

        assertThat(OptionsBinder.toMap(copy)).isEqualTo(OptionsBinder.toMap(original));
        assertThat(copy.ridge()).isEqualTo(0.1 + 0.2);
        assertThat(copy.scale()).isEqualTo(0.1f);
    }

    @Test
    void describeListsNamesTypesDefaultsAndDocs() {
        List<OptionInfo> options = OptionsBinder.describe(ALWS);

        assertThat(options).hasSize(13);
        assertThat(options.get(0)).isEqualTo(new OptionInfo("sleepSamples", "integer", 100,
                "sleep samples drawn per step"));
        assertThat(options.get(1)).isEqualTo(new OptionInfo("ridge", "number", 1e-3,
                "ridge added to the kernel diagonal"));
        assertThat(options).extracting(OptionInfo::type).containsExactly("integer", "number", "integer", "boolean",
                "string", "one of median-heuristic, fixed", "list of numbers", "list of integers",
                "list of integers", "number", "list of strings", "list of numbers", "integer");
        assertThat(options.get(5).defaultValue()).isEqualTo("median-heuristic");
        assertThat(options.get(6).defaultValue()).isEqualTo(List.of(1.0, 0.5));
        assertThat(options.get(2).doc()).isEmpty();
    }

    private static void assertError(String key, Object value, String message) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(key, value);
        assertThatThrownBy(() -> bind(values)).as("%s=%s", key, value)
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .extracting(t -> ((ConfigException) t).field()).isEqualTo(key);
    }
}
