package io.tivaspark.jobs.cli;

/** An exception that knows which exit code of contract §4 it ends the command with. */
public interface ExitCoded {
  int exitCode();
}
