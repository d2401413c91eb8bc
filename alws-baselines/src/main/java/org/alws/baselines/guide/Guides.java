package org.alws.baselines.guide;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alws.api.IncompatibleModelException;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Guide;
import org.alws.api.model.ModelStructure;
import org.alws.api.model.Parameters;
import org.alws.api.model.ProvidesGuide;
import org.alws.api.model.SiteInfo;
import org.alws.api.tensor.Tensor;

/** Chooses and checks the guide of a model. */
public final class Guides {
    private Guides() {
    }

    /** The model's own guide if it {@link ProvidesGuide}, else the {@link DefaultGuide} for its structure. */
    public static Guide forModel(GenerativeModel model, ModelStructure structure, GuideOptions options) {
        if (model instanceof ProvidesGuide p) {
            return p.guide();
        }
        return DefaultGuide.of(structure, options);
    }

    /**
     * Whether learners run the model's guide with the model's own parameters
     * ({@link ProvidesGuide#sharesModelParameters()}).
     */
    public static boolean sharesModelParameters(GenerativeModel model) {
        return model instanceof ProvidesGuide p && p.sharesModelParameters();
    }

    /**
     * Traces {@code guide} once on zero data (data rows with zero inputs for a conditional model) (creating its parameters in {@code parameters}) and checks that it
     * samples exactly the model's latent sites, with the model's event shapes.
     *
     * @return the guide's structure
     * @throws IncompatibleModelException in one line naming the missing and the extra sites, an observed site, or
     *     a site whose event shape differs
     */
    public static ModelStructure check(Guide guide, ModelStructure model, Parameters parameters) {
        SiteInfo observed = model.observed();
        GenerativeModel program = t -> {
            Tensor zeros = model.conditional() ? t.ops().zeros(model.dataShape().prepend(t.batchSize()))
                    : t.ops().zeros(observed.eventShape().prepend(t.batchSize())).cast(observed.dtype());
            guide.run(t, zeros);
        };
        ModelStructure g = ModelStructure.inspect(program, parameters);
        if (!g.observedSites().isEmpty()) {
            throw new IncompatibleModelException("the guide observes site '" + g.observedSites().get(0).name()
                    + "'; a guide may only sample the model's latent sites");
        }
        Map<String, SiteInfo> wanted = new LinkedHashMap<>();
        for (SiteInfo s : model.latentSites()) {
            wanted.put(s.name(), s);
        }
        Map<String, SiteInfo> have = new LinkedHashMap<>();
        for (SiteInfo s : g.latentSites()) {
            have.put(s.name(), s);
        }
        List<String> missing = new ArrayList<>(wanted.keySet());
        missing.removeAll(have.keySet());
        List<String> extra = new ArrayList<>(have.keySet());
        extra.removeAll(wanted.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IncompatibleModelException("the guide's sites do not match the model's latent sites: missing "
                    + missing + ", extra " + extra);
        }
        for (SiteInfo s : g.latentSites()) {
            SiteInfo m = wanted.get(s.name());
            if (!m.eventShape().equals(s.eventShape())) {
                throw new IncompatibleModelException("guide site '" + s.name() + "' has event shape "
                        + s.eventShape() + " but the model's has " + m.eventShape());
            }
        }
        return g;
    }
}
