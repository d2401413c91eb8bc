package org.alws.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code alws bench}: the parent of the benchmarks; on its own it asks for one. Add a benchmark by adding a
 * subcommand here.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "BENCHMARK",
        description = "Benchmarks; each prints a table of median timings.",
        subcommands = {BenchAlwsStepCommand.class, BenchRegressionCommand.class, BenchVaeStepCommand.class,
            BenchImageStepCommand.class})
final class BenchCommand {
    @ParentCommand
    private AlwsCommand root;

    /** The root command, for the subcommands' plugin registry. */
    AlwsCommand root() {
        return root;
    }
}
