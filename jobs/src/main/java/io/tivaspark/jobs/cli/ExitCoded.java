package io.tivaspark.jobs.cli;

/** An exception that knows which exit code of docs/data-dictionary.md §8 it ends the command with. */
public interface ExitCoded {
  int exitCode();
}
