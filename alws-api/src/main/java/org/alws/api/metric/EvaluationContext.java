package org.alws.api.metric;

import org.alws.api.backend.Workspace;
import org.alws.api.data.Dataset;
import org.alws.api.model.GenerativeModel;
import org.alws.api.model.Parameters;
import org.alws.api.random.SeedStream;

/** What a metric gets: the model at its current parameters, the held-out data and a seed stream. */
public interface EvaluationContext {

    GenerativeModel model();

    Parameters modelParameters();

    Workspace workspace();

    /** The data to evaluate on (the test split). */
    Dataset data();

    /** The run's training split (for metrics that fit something to the data first, such as FID's classifier). */
    Dataset trainingData();

    SeedStream seeds();
}
