package org.alws.models.blowfly;

import com.google.auto.service.AutoService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.config.Check;
import org.alws.api.config.Doc;
import org.alws.api.metric.Metric;
import org.alws.api.metric.MetricProvider;
import org.alws.api.tensor.HostArray;

/**
 * The metric {@code series-statistics}: how closely series simulated from the model match the held-out series in
 * their summary statistics ({@link SeriesStatistics}, through {@link BlowflyReport#evaluate}). It simulates
 * {@code simulations} series and reports, for the first held-out series, {@code seriesPeriod} (the simulations'
 * median dominant period), {@code periodError}, {@code meanError} and {@code stdError} (relative errors of the
 * simulations' average against the data's) and {@code acfGap} (the largest autocorrelation difference over lags
 * 1..maxLag). It applies to any model whose observed site is a batch of series [n, T].
 */
@AutoService(MetricProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name a generic service interface exactly
public final class SeriesStatisticsMetricProvider implements MetricProvider<SeriesStatisticsMetricProvider.Options> {

    /**
     * Options of the metric.
     *
     * @param simulations series simulated per evaluation
     * @param maxLag the largest autocorrelation lag compared
     */
    public record Options(
            @Doc("Series simulated from the model per evaluation, >= 1") int simulations,
            @Doc("Largest autocorrelation lag compared, >= 1") int maxLag) {
        /** Validates. */
        public Options {
            Check.atLeast("simulations", simulations, 1);
            Check.atLeast("maxLag", maxLag, 1);
        }
    }

    @Override
    public String name() {
        return "series-statistics";
    }

    @Override
    public String description() {
        return "Summary statistics (mean, std, autocorrelations, periodogram period) of simulated series against "
                + "the held-out series: relative errors and the largest autocorrelation gap";
    }

    @Override
    public Options defaultOptions() {
        return new Options(BlowflyReport.SIMULATIONS, BlowflyReport.MAX_LAG);
    }

    @Override
    public Metric create(Options options) {
        return context -> {
            HostArray data = context.data().examples(new int[] {0});
            if (data.shape().rank() != 2) {
                throw new IncompatibleModelException("series-statistics needs data whose examples are series [T], got "
                        + "examples of shape " + context.data().exampleShape());
            }
            BlowflyReport.Result r = BlowflyReport.evaluate(context.workspace(), context.model(),
                    context.modelParameters(), data, context.seeds(), options.simulations(), options.maxLag());
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("seriesPeriod", r.simulatedStatistics().period());
            out.put("periodError", r.periodError());
            out.put("meanError", r.meanError());
            out.put("stdError", r.stdError());
            out.put("acfGap", r.autocorrelationGap());
            return out;
        };
    }
}
