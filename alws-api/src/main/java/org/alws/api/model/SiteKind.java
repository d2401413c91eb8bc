package org.alws.api.model;

/** Whether a sample site is a latent variable or an observation. */
public enum SiteKind {
    LATENT, OBSERVED
}
