package org.lanternfish.web.suppression;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.DataFiles;
import org.lanternfish.web.WebJson;

/**
 * The allowlist of one data directory, kept in its {@code suppressions.json}: trusted devices, destinations and
 * model/device pairs, each with an expiry and a reason. It decides which stored breaches the default lists hide.
 */
public final class Suppressions {
  /** The file in the data directory. */
  public static final String FILE = "suppressions.json";
  /** A suppression expires within this; trust is reviewed at least once a year. */
  public static final Duration LONGEST = Duration.ofDays(366);

  private final Path file;
  private final Clock clock;
  private final List<Suppression> entries = new ArrayList<>();
  private long lastNumber;

  private Suppressions(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The allowlist of {@code dataDir}, empty when it has no file yet; expiry is judged by {@code clock}. */
  public static Suppressions open(Path dataDir, Clock clock) {
    Suppressions book = new Suppressions(dataDir.resolve(FILE), clock);
    if (Files.exists(book.file)) {
      try {
        Contents contents = WebJson.MAPPER.readValue(book.file.toFile(), Contents.class);
        book.entries.addAll(contents.suppressions());
        book.lastNumber = contents.lastNumber();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + book.file + ": " + e.getMessage(), e);
      }
    }
    return book;
  }

  /** Every suppression, in force or not, newest first. */
  public synchronized List<Suppression> all() {
    return entries.reversed();
  }

  /** The suppression {@code id}. */
  public synchronized Optional<Suppression> find(String id) {
    return entries.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The suppression in force now that hides {@code breach}, if any. */
  public synchronized Optional<Suppression> hiding(Breach breach) {
    Instant now = clock.instant();
    List<Suppression> inForce = entries.stream().filter(s -> s.inForce(now)).toList();
    for (Suppression suppression : inForce) {
      if (suppression.matches(breach)
          && (suppression.kind() != Suppression.Kind.MODEL_DEVICE || foldedModelsTrusted(inForce, breach))) {
        return Optional.of(suppression);
      }
    }
    return Optional.empty();
  }

  // A breach that folds the findings of several models about one act (a payload written and then run) hides behind
  // model suppressions only when every one of its models is trusted on the device: trusting routine writes does not
  // hide a service created with them.
  private static boolean foldedModelsTrusted(List<Suppression> inForce, Breach breach) {
    return breach.modelIds().stream().filter(id -> !id.equals(breach.modelId()))
        .allMatch(id -> inForce.stream().anyMatch(s -> s.trusts(breach.device(), id)));
  }

  /** Whether any suppression is in force now (when none is, lists need no filtering). */
  public synchronized boolean anyInForce() {
    Instant now = clock.instant();
    return entries.stream().anyMatch(s -> s.inForce(now));
  }

  /**
   * Checks and adds a suppression made by {@code by} after outbox entry {@code afterSeq}; a bad field is an
   * {@link IllegalArgumentException} naming it.
   */
  public synchronized Suppression add(Request request, String by, long afterSeq) {
    Suppression made = check(request, by, afterSeq, "S" + (lastNumber + 1));
    lastNumber++;
    entries.add(made);
    save();
    return made;
  }

  /** Adds every request that checks, in one write; the others are left out (check them first with {@link #check}). */
  public synchronized List<Suppression> addAll(List<Request> requests, String by, long afterSeq) {
    List<Suppression> made = new ArrayList<>();
    for (Request request : requests) {
      made.add(check(request, by, afterSeq, "S" + (lastNumber + 1)));
      lastNumber++;
    }
    entries.addAll(made);
    save();
    return made;
  }

  /** Removes the suppression {@code id}; empty when there is none. */
  public synchronized Optional<Suppression> remove(String id) {
    Optional<Suppression> found = find(id);
    found.ifPresent(s -> {
      entries.remove(s);
      save();
    });
    return found;
  }

  /** Refuses {@code request} with a reason naming the field when it cannot be a suppression. */
  public void check(Request request) {
    check(request, "check", 0, "S0");
  }

  private Suppression check(Request request, String by, long afterSeq, String id) {
    Suppression.Kind kind = Suppression.Kind.of(request.kind());
    String device = null;
    String destination = null;
    String model = null;
    switch (kind) {
      case DEVICE -> device = text("device", request.device(), 200);
      case DESTINATION -> destination = Destinations.parse(text("destination", request.destination(), 253));
      case MODEL_DEVICE -> {
        device = text("device", request.device(), 200);
        model = text("model", request.model(), 200);
      }
    }
    String reason = text("reason", request.reason(), 500);
    Instant now = clock.instant();
    Instant expires = expiry(request.expires(), now);
    return new Suppression(id, kind, device, destination, model, expires, reason, by, now, afterSeq);
  }

  private static String text(String name, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (value.strip().length() > max) {
      throw new IllegalArgumentException(name + " has at most " + max + " characters");
    }
    return value.strip();
  }

  /** An ISO-8601 time, or a date meaning to the end of that day (UTC); in the future, within {@link #LONGEST}. */
  private static Instant expiry(String text, Instant now) {
    String value = text("expires", text, 40);
    Instant expires;
    try {
      expires = value.length() == 10 ? LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("expires must be a date such as 2027-01-31 or a time such as"
          + " 2027-01-31T18:00:00Z, not '" + value + "'");
    }
    if (!expires.isAfter(now)) {
      throw new IllegalArgumentException("expires must be in the future, not " + value);
    }
    if (expires.isAfter(now.plus(LONGEST))) {
      throw new IllegalArgumentException("expires must be within a year (trust is reviewed at least yearly), not "
          + value);
    }
    return expires;
  }

  private void save() {
    try {
      DataFiles.replace(file, WebJson.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new Contents(lastNumber, List.copyOf(entries))), DataFiles.Access.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A suppression as asked for, every field text as a form or CSV row gives it.
   *
   * @param kind device, destination or model-device
   * @param device the device, for device and model-device
   * @param destination the destination, for destination
   * @param model the model's id or name, for model-device
   * @param expires a date or ISO-8601 time
   * @param reason why
   */
  public record Request(String kind, String device, String destination, String model, String expires,
      String reason) {}

  private record Contents(long lastNumber, List<Suppression> suppressions) {
    Contents {
      suppressions = suppressions == null ? List.of() : suppressions;
    }
  }
}
