package org.alws.api.backend;

import org.alws.api.tensor.DType;
import org.alws.api.tensor.Shape;

/**
 * A named piece of state that lives in a {@link Workspace} across function calls: a model or guide parameter, an
 * optimiser slot, a learned kernel hyper-parameter. Read and assign it inside compiled functions with
 * {@link org.alws.api.tensor.TensorOps#read} and {@link org.alws.api.tensor.TensorOps#assign}; checkpoints save
 * every variable of the workspace.
 */
public interface Variable {
    /** Unique name within the workspace, slash-separated by owner, e.g. {@code model/W} or {@code opt/model/W/m}. */
    String name();

    Shape shape();

    DType dtype();
}
