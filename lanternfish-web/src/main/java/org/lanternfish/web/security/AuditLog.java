package org.lanternfish.web.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.lanternfish.web.WebJson;

/**
 * Who did what and when: logins, failed logins and every change, one JSON line each, appended to the data
 * directory's {@code audit.jsonl} and never rewritten.
 */
public final class AuditLog {
  /** The file in the data directory. */
  public static final String FILE = "audit.jsonl";

  private final Path file;
  private final Clock clock;

  /** The audit log of {@code dataDir}, stamped by {@code clock}. */
  public AuditLog(Path dataDir, Clock clock) {
    this.file = dataDir.resolve(FILE);
    this.clock = clock;
  }

  /** Records that {@code actor} did {@code action} to {@code target} from {@code address}, with {@code detail}. */
  public synchronized AuditEntry record(String actor, String action, String target, String detail, String address) {
    AuditEntry entry = new AuditEntry(clock.instant(), actor, action, target, detail, address);
    try {
      WebJson.appendLine(file, entry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + file + ": " + e.getMessage(), e);
    }
    return entry;
  }

  /** The latest {@code limit} entries, newest first. */
  public synchronized List<AuditEntry> latest(int limit) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<AuditEntry> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          entries.add(WebJson.MAPPER.readValue(line, AuditEntry.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file + ": " + e.getMessage(), e);
    }
    Collections.reverse(entries);
    return List.copyOf(entries.subList(0, Math.min(limit, entries.size())));
  }

  /**
   * One audited act.
   *
   * @param at when
   * @param actor the user, or the name tried for a failed login
   * @param action what, such as {@code login}, {@code login-failed}, {@code incident-acknowledged}
   * @param target what it was done to (an incident id, a user), or null
   * @param detail the note, comment or change, or null
   * @param address the client's address
   */
  public record AuditEntry(Instant at, String actor, String action, String target, String detail, String address) {}
}
