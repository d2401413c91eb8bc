package org.alws.baselines.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The kinds of flow layer, by their option names {@code planar} and {@code iaf}. */
public enum FlowKind {
    /** {@link PlanarFlow}. */
    PLANAR,
    /** {@link InverseAutoregressiveFlow}, the ordering reversed from one layer to the next. */
    IAF;

    /** The option names, in declaration order. */
    public static String[] names() {
        FlowKind[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].label();
        }
        return out;
    }

    /** The kind named {@code name} (as {@link #label()} spells it). */
    public static FlowKind of(String name) {
        for (FlowKind k : values()) {
            if (k.label().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no flow kind '" + name + "'; kinds are " + List.of(names()));
    }

    /** The option name, e.g. {@code iaf}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A stack of {@code length} layers of this kind. */
    public List<Flow> layers(int length) {
        List<Flow> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(this == PLANAR ? new PlanarFlow() : new InverseAutoregressiveFlow(i % 2 == 1));
        }
        return out;
    }
}
