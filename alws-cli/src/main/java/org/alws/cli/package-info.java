/**
 * The {@code alws} command: {@code plugins}, {@code train}, {@code resume}, {@code gradcheck} and {@code bench}, built
 * with picocli. {@link org.alws.cli.Main} is the entry point; {@link org.alws.cli.AlwsCommand} holds the global
 * options ({@code --plugins}, {@code --stacktrace}) and the plugin registry of one invocation;
 * {@link org.alws.cli.ExitCodes} lists what each exit status means.
 */
package org.alws.cli;
