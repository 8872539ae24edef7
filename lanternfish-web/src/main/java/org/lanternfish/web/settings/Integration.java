package org.lanternfish.web.settings;

/**
 * A system Lanternfish talks to (Microsoft Defender, Sentinel, a firewall), as the System Configuration page lists
 * it: what it is, and a check that it can be reached with the settings it has. Implementations never show secrets.
 */
public interface Integration {
  /** A stable id for URLs, such as {@code defender}. */
  String id();

  /** The name people know it by. */
  String name();

  /** What it is set up to reach, without secrets (a tenant, a URL). */
  String describe();

  /** Tries to reach it now with its settings; a failure is an answer, not an exception. */
  ConnectionTest testConnection();

  /**
   * The outcome of a connection test.
   *
   * @param ok whether it was reached and accepted the settings
   * @param message what happened, for people
   * @param millis how long it took
   */
  record ConnectionTest(boolean ok, String message, long millis) {}
}
