package org.alws.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.alws.cli.progress.Progress;
import org.alws.core.train.RunSummary;
import org.alws.core.train.Training;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code alws resume RUN_DIR}: continues a run from its latest checkpoint to its configured step count, or to
 * {@code --steps N} (which is then recorded in its config.json), and prints the same report as {@code train}.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Continue a run from its latest checkpoint.")
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    private AlwsCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run directory.")
    private Path directory;

    @Option(names = "--steps", paramLabel = "N",
            description = "Train up to N steps in total (default: the run's configured steps).")
    private Long steps;

    @Option(names = "--no-progress", description = "No progress bar: print plain progress lines instead.")
    private boolean noProgress;

    @Override
    public Integer call() {
        RunSummary summary = Training.resume(root.registry(), directory, Optional.ofNullable(steps),
                List.of(Progress.listener(noProgress, spec.commandLine().getErr())));
        RunReport.print(spec.commandLine().getOut(), "Resumed", summary);
        return ExitCodes.OK;
    }
}
