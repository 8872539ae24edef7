package org.lanternfish.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What analysts did with each incident (acknowledged with a note, assigned, closed with a comment), one JSON line
 * per act in the data directory's {@code triage.jsonl}; an incident's state is the sum of its acts, so who did what
 * is never overwritten.
 */
public final class Triage {
  /** The file in the data directory. */
  public static final String FILE = "triage.jsonl";
  /** The longest note or comment kept. */
  public static final int MAX_TEXT = 4_000;

  private final Path file;
  private final Clock clock;
  private final List<Act> acts = new ArrayList<>();

  /** The triage of {@code dataDir}'s incidents, stamped by {@code clock}. */
  public Triage(Path dataDir, Clock clock) {
    this.file = dataDir.resolve(FILE);
    this.clock = clock;
    if (Files.exists(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            acts.add(WebJson.MAPPER.readValue(line, Act.class));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Records that {@code by} did {@code kind} to {@code incident}, with {@code text} (a note, assignee or comment). */
  public synchronized Act record(String incident, Kind kind, String by, String text) {
    BadRequest.requireText("the note or comment", text);
    if (text != null && text.length() > MAX_TEXT) {
      throw new BadRequest("a note or comment has at most " + MAX_TEXT + " characters");
    }
    if (kind == Kind.ASSIGNED && (text == null || text.isBlank())) {
      throw new BadRequest("assign needs the user to assign the incident to");
    }
    Act act = new Act(incident, kind, by, text == null ? "" : text.strip(), clock.instant());
    try {
      WebJson.appendLine(file, act);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    acts.add(act);
    return act;
  }

  /** Everything done to {@code incident}, oldest first. */
  public synchronized List<Act> acts(String incident) {
    return acts.stream().filter(act -> act.incident().equals(incident)).toList();
  }

  /** The incident's state: its latest state-changing act's, "open" when nothing was done. */
  public synchronized State state(String incident) {
    String status = "open";
    String assignee = null;
    for (Act act : acts(incident)) {
      switch (act.kind()) {
        case ACKNOWLEDGED -> status = status.equals("closed") ? status : "acknowledged";
        case ASSIGNED -> assignee = act.text();
        case CLOSED -> status = "closed";
        case REOPENED -> status = "open";
      }
    }
    return new State(status, assignee);
  }

  /** What an analyst can do to an incident. */
  public enum Kind { ACKNOWLEDGED, ASSIGNED, CLOSED, REOPENED }

  /**
   * One act.
   *
   * @param incident the incident's id
   * @param kind what was done
   * @param by who did it
   * @param text the note, the assignee or the comment
   * @param at when
   */
  public record Act(String incident, Kind kind, String by, String text, Instant at) {}

  /**
   * Where an incident stands.
   *
   * @param status open, acknowledged or closed
   * @param assignee who it is assigned to, or null
   */
  public record State(String status, String assignee) {}
}
