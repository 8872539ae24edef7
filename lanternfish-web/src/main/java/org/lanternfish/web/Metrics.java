package org.lanternfish.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters for Prometheus at {@code /metrics}: requests by status, logins, and what the outbox has delivered. */
public final class Metrics {
  private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
  private final LongAdder logins = new LongAdder();
  private final LongAdder failedLogins = new LongAdder();

  /** Counts a response with {@code status}. */
  public void response(int status) {
    responses.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  /** Counts a login, failed or not. */
  public void login(boolean succeeded) {
    (succeeded ? logins : failedLogins).increment();
  }

  /** The counters in Prometheus' text exposition format. */
  public String render(LiveFeed feed, Optional<IngestionHealth.Figures> ingestion) {
    StringBuilder out = new StringBuilder();
    out.append("# HELP lanternfish_http_responses_total HTTP responses by status.\n");
    out.append("# TYPE lanternfish_http_responses_total counter\n");
    responses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out
        .append("lanternfish_http_responses_total{status=\"").append(e.getKey()).append("\"} ")
        .append(e.getValue().sum()).append('\n'));
    out.append("# HELP lanternfish_logins_total Logins by outcome.\n");
    out.append("# TYPE lanternfish_logins_total counter\n");
    out.append("lanternfish_logins_total{outcome=\"success\"} ").append(logins.sum()).append('\n');
    out.append("lanternfish_logins_total{outcome=\"failure\"} ").append(failedLogins.sum()).append('\n');
    out.append("# HELP lanternfish_outbox_seq The last outbox sequence number the web UI has read.\n");
    out.append("# TYPE lanternfish_outbox_seq gauge\n");
    out.append("lanternfish_outbox_seq ").append(feed.lastSeq()).append('\n');
    out.append("# HELP lanternfish_breaches_pushed_total Breaches pushed to browsers since start.\n");
    out.append("# TYPE lanternfish_breaches_pushed_total counter\n");
    out.append("lanternfish_breaches_pushed_total ").append(feed.breachesSeen()).append('\n');
    out.append("# HELP lanternfish_live_clients Browsers following live updates.\n");
    out.append("# TYPE lanternfish_live_clients gauge\n");
    out.append("lanternfish_live_clients ").append(feed.clients()).append('\n');
    ingestion.ifPresent(figures -> {
      out.append("# HELP lanternfish_stored_records Records in the store.\n");
      out.append("# TYPE lanternfish_stored_records gauge\n");
      out.append("lanternfish_stored_records ").append(figures.records()).append('\n');
      out.append("# HELP lanternfish_malformed_lines Malformed input lines recorded.\n");
      out.append("# TYPE lanternfish_malformed_lines gauge\n");
      out.append("lanternfish_malformed_lines ").append(figures.malformed()).append('\n');
      if (figures.live() != null) {
        out.append("# HELP lanternfish_ingest_events_per_second Events the live follower reads per second.\n");
        out.append("# TYPE lanternfish_ingest_events_per_second gauge\n");
        out.append("lanternfish_ingest_events_per_second ").append(figures.live().eventsPerSecond()).append('\n');
        out.append("# HELP lanternfish_ingest_lag_seconds How far the live follower trails the wall clock.\n");
        out.append("# TYPE lanternfish_ingest_lag_seconds gauge\n");
        out.append("lanternfish_ingest_lag_seconds ").append(figures.live().lagSeconds()).append('\n');
      }
    });
    return out.toString();
  }
}
