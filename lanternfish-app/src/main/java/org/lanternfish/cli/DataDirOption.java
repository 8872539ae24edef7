package org.lanternfish.cli;

import java.nio.file.Path;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.StoreException;
import org.lanternfish.store.StoreLockedException;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by every command that uses the store. */
final class DataDirOption {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "lanternfish-data",
      description = "Data directory of the embedded store (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  /** Opens the store for writing, turning a held lock into a clear failure. */
  DuckDbEventStore openForWriting() {
    try {
      return DuckDbEventStore.open(dataDir);
    } catch (StoreLockedException locked) {
      throw new CommandFailure(ExitCode.STORE, locked.getMessage(), locked);
    } catch (StoreException broken) {
      throw new CommandFailure(ExitCode.STORE, broken.getMessage(), broken);
    }
  }

  /** Opens the store for reading, turning a missing or held store into a clear failure. */
  DuckDbEventStore openForReading() {
    try {
      return DuckDbEventStore.openReadOnly(dataDir);
    } catch (StoreException unavailable) {
      throw new CommandFailure(ExitCode.STORE, unavailable.getMessage(), unavailable);
    }
  }
}
