package org.lanternfish.store;

import java.util.List;
import java.util.Map;

/**
 * The whole store as the process that opens it sees it; everything else takes one of its roles: {@link EventLog},
 * {@link CommitLog}, {@link Outbox}, {@link BreachLog}, {@link Incidents}, {@link LearnedState},
 * {@link IngestJournal}, {@link InvestigationQueries}, {@link ConnectionHistory}, {@link DeviceInventory},
 * {@link EndpointMachines}, {@link AlertVerdicts}, {@link InvestigationReports}.
 *
 * <p>The embedded default is {@link DuckDbEventStore}; a server store can implement the same roles later.
 */
public interface EventStore extends EventLog, CommitLog, Outbox, BreachLog, Incidents, LearnedState, IngestJournal,
    InvestigationQueries, ConnectionHistory, DeviceInventory, EndpointMachines, AlertVerdicts,
    InvestigationReports,
    AutoCloseable {
  /** Rows, time span, devices, ingest problems and size of the store. */
  StoreStats stats();

  /** Runs a parameterised read-only query, such as one compiled from Advanced Search, and returns its rows. */
  List<Map<String, Object>> query(String sql, List<Object> params);

  /**
   * Lets go of the store's files until its next call, so readers in other processes can open them between a writer's
   * commits; the writer keeps the data directory.
   */
  void release();

  /** Closes the store and releases the data directory. */
  @Override
  void close();
}
