package org.alws.models.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alws.api.ConfigException;
import org.junit.jupiter.api.Test;

/** The provider's descriptor and the validation of its options. */
class MlpDecoderModelProviderTest {

    @Test
    void defaultsAreTheClassicMnistDecoder() {
        MlpDecoderModelProvider p = new MlpDecoderModelProvider();
        assertThat(p.name()).isEqualTo("mlp-decoder");
        assertThat(p.priority()).isLessThan(10);
        MlpDecoderModel m = p.create(p.defaultOptions());
        assertThat(m.latent()).isEqualTo(20);
        assertThat(m.hidden()).isEqualTo(400);
        assertThat(m.layers()).isEqualTo(1);
        assertThat(m.pixels()).isEqualTo(784);
        assertThat(m.activation()).isEqualTo(Activation.RELU);
        assertThat(m.likelihood()).isEqualTo(Likelihood.BERNOULLI);
        assertThat(m).hasToString("mlp-decoder(k=20, 1x400 relu, D=784, bernoulli)");
    }

    @Test
    void badOptionsNameTheField() {
        assertThatThrownBy(() -> new MlpDecoderModelProvider.Options(0, 400, 1, Activation.RELU, 784,
                Likelihood.BERNOULLI, 0.0)).isInstanceOf(ConfigException.class).hasMessageContaining("latent");
        assertThatThrownBy(() -> new MlpDecoderModelProvider.Options(20, 400, 1, Activation.RELU, 0,
                Likelihood.BERNOULLI, 0.0)).isInstanceOf(ConfigException.class).hasMessageContaining("pixels");
        assertThatThrownBy(() -> new MlpDecoderModelProvider.Options(20, 400, -1, Activation.RELU, 784,
                Likelihood.BERNOULLI, 0.0)).isInstanceOf(ConfigException.class).hasMessageContaining("layers");
        assertThatThrownBy(() -> new MlpDecoderModelProvider.Options(20, 400, 1, null, 784,
                Likelihood.BERNOULLI, 0.0)).isInstanceOf(ConfigException.class).hasMessageContaining("activation");
        assertThatThrownBy(() -> new MlpDecoderModelProvider.Options(20, 400, 1, Activation.TANH, 784,
                Likelihood.GAUSSIAN, Double.NaN)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("initialLogSigma");
    }
}
