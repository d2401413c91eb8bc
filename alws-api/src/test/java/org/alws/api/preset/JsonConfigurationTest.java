package org.alws.api.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alws.api.ConfigException;
import org.alws.api.plugin.PluginKind;
import org.junit.jupiter.api.Test;

/** The JSON reader of preset configurations, and presets built on JSON resources. */
class JsonConfigurationTest {

    @Test
    void readsEveryKindOfValueInFileOrder() {
        Map<String, Object> m = JsonConfiguration.parse("t", """
                {"b": 1, "a": [1, -2.5, 3e2, 0.001, true, false, null, "x\\u00e9\\n\\"q\\""],
                 "nested": {"z": {}, "y": []}, "big": 12345678901234567890}
                """);
        assertThat(m.keySet()).containsExactly("b", "a", "nested", "big");
        assertThat(m.get("b")).isEqualTo(1L);
        assertThat(m.get("a")).isEqualTo(Arrays.asList(1L, -2.5, 300.0, 0.001, true, false, null, "xé\n\"q\""));
        assertThat(m.get("nested")).isEqualTo(Map.of("z", Map.of(), "y", List.of()));
        assertThat(m.get("big")).isEqualTo(1.2345678901234567e19);
        assertThatThrownBy(() -> m.put("c", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) m.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsWhatIsNotStrictJsonNamingLineAndColumn() {
        assertError("{\"a\": 1,}", "line 1, column 9: expected a key in double quotes");
        assertError("{\"a\": 1, \"a\": 2}", "line 1, column 10: key 'a' is repeated");
        assertError("{\n  \"a\": [1 2]\n}", "line 2, column 11: expected ',' or ']'");
        assertError("{\"a\": 01}", "line 1, column 8: expected ',' or '}'");
        assertError("{\"a\": tru}", "line 1, column 7: unexpected text; expected a value");
        assertError("{\"a\": \"x}", "line 1, column 10: unterminated string");
        assertError("{\"a\": 1} x", "line 1, column 10: unexpected text after the object");
        assertError("[1]", "line 1, column 1: expected a JSON object");
        assertError("  ", "line 1, column 3: it is empty; expected a JSON object");
        assertError("{\"a\": 1.}", "line 1, column 9: invalid number: expected a digit after '.'");
    }

    private static void assertError(String text, String where) {
        assertThatThrownBy(() -> JsonConfiguration.parse("file.json", text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("file.json is not valid JSON at " + where);
    }

    @Test
    void readsResourcesBesideAClassAndNamesAMissingOrBrokenOne() {
        assertThat(JsonConfiguration.resource(getClass(), "good.json"))
                .containsEntry("model", Map.of("name", "ppca", "options", Map.of("dim", 4L)))
                .containsEntry("training", Map.of("steps", 20L));
        assertThatThrownBy(() -> JsonConfiguration.resource(getClass(), "absent.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("resource absent.json of " + getClass().getName() + " does not exist");
        assertThatThrownBy(() -> JsonConfiguration.resource(getClass(), "trailing-comma.json"))
                .hasMessage("resource trailing-comma.json of " + getClass().getName()
                        + " is not valid JSON at line 3, column 28: expected a key in double quotes");
    }

    /** A preset over the test resources, with and without a paper variant. */
    static final class GoodPreset extends JsonPresetProvider {
        GoodPreset(String paper) {
            super("good", "a test preset", "good.json", paper);
        }
    }

    @Test
    void aJsonPresetReadsItsResourcesWhenAsked() {
        GoodPreset withPaper = new GoodPreset("trailing-comma.json");
        assertThat(withPaper.kind()).isEqualTo(PluginKind.PRESET);
        assertThat(withPaper.name()).isEqualTo("good");
        assertThat(withPaper.configuration()).containsEntry("training", Map.of("steps", 20L));
        assertThatThrownBy(withPaper::paperConfiguration).hasMessageContaining("trailing-comma.json");
        assertThat(new GoodPreset(null).paperConfiguration()).isEqualTo(Optional.empty());
    }
}
