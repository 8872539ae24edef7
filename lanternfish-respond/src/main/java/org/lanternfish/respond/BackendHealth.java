package org.lanternfish.respond;

import java.time.Instant;

/**
 * How one backend is doing, for the dashboard: whether its last change worked, the last error, and when a failing
 * backend is tried again.
 *
 * @param name the backend's name
 * @param healthy true when its last change (or reconciliation) worked
 * @param failures failures in a row
 * @param lastError what the last failure said, or null
 * @param lastReconciled when it last held exactly the ledger's actions, or null
 * @param nextRetry when a failing backend is tried again, or null while healthy
 */
public record BackendHealth(String name, boolean healthy, int failures, String lastError, Instant lastReconciled,
    Instant nextRetry) {}
