package org.alws.cli.progress;

import java.io.PrintWriter;
import org.alws.api.event.TrainingListener;

/** Chooses how training progress is shown. */
public final class Progress {
    private Progress() {
    }

    /**
     * A progress bar when the process has a console and {@code noBar} is false; plain lines on {@code lines}
     * otherwise.
     */
    public static TrainingListener listener(boolean noBar, PrintWriter lines) {
        if (!noBar && System.console() != null) {
            return new BarProgress();
        }
        return new PlainProgress(lines);
    }
}
