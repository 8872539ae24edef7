package org.lanternfish.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.lanternfish.simulate.organisation.Internet;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.scenario.Scenario;
import org.lanternfish.simulate.scenario.ScenarioContext;
import org.lanternfish.simulate.scenario.Scenarios;
import org.lanternfish.simulate.traffic.Background;
import org.lanternfish.simulate.traffic.Flows;
import org.lanternfish.simulate.traffic.Routines;
import org.lanternfish.simulate.truth.ScenarioTruth;
import org.lanternfish.simulate.truth.Truth;
import org.lanternfish.simulate.zeek.ArchiveWriter;
import org.lanternfish.simulate.zeek.LogRecord;
import org.lanternfish.simulate.zeek.ZeekArchive;

/**
 * Simulates an organisation's network for some days and writes what Zeek would have logged, with intrusions
 * injected and their ground truth.
 *
 * <p>Time advances a minute at a time; records wait in a queue until their minute has passed and are then handed,
 * in time order, to a writer thread, so memory holds minutes of traffic, not days, and compression runs beside the
 * simulation.
 */
public final class Simulator {
  private static final long MINUTE = 60_000_000L;
  private static final int PROGRESS_EVERY = 10;

  private Simulator() {}

  /** Runs the simulation {@code config} describes, telling {@code progress} how far it has got. */
  public static SimulationResult run(SimulationConfig config, ProgressListener progress) throws IOException {
    Files.createDirectories(config.out());
    Organisation org = Organisation.build(config.seed(), config.devices(), config.days());
    List<Planned> plan = plan(config);
    PriorityQueue<LogRecord> queue = new PriorityQueue<>(1 << 16);
    long[] written = {Long.MIN_VALUE};
    Consumer<LogRecord> sink = record -> {
      if (record.ts() < written[0]) {
        throw new IllegalStateException(
            record.log().path() + " record at " + record.ts() + " is earlier than what was already written");
      }
      queue.add(record);
    };
    Flows flows = new Flows(new SplittableRandom(Internet.mix(config.seed() ^ 0xb4c6L)), sink, 0);
    Background background = new Background(config.seed(), org, flows);
    Routines routines = config.variants() ? new Routines(config.seed(), org, sink) : null;
    List<ScenarioTruth> truths = new ArrayList<>();
    List<Map<String, Object>> alerts = new ArrayList<>();
    long totalMinutes = config.days() * 1440L;
    ZeekArchive archive = new ZeekArchive(config.out(), config.format());
    long generated = 0;
    try (ArchiveWriter writer = new ArchiveWriter(archive)) {
      for (int day = 0; day < config.days(); day++) {
        LocalDate date = config.start().plusDays(day);
        long dayStart = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        String note = "day " + (day + 1) + "/" + config.days() + " " + date;
        background.startDay(day, date);
        if (routines != null) {
          routines.startDay(day);
        }
        for (Planned p : plan) {
          if (p.day == day) {
            SplittableRandom random = new SplittableRandom(Internet.mix(config.seed() ^ Internet.fnv(p.id) + p.order));
            SplittableRandom tradecraft = config.variants()
                ? new SplittableRandom(Internet.mix(config.seed() ^ 0x7a11L ^ Internet.fnv(p.id) + p.order)) : null;
            ScenarioContext context =
                new ScenarioContext(org, random, sink, (p.order + 1L) << 48, date, alerts, tradecraft);
            p.scenario.inject(context);
            truths.add(context.truth(p.id, p.scenario.name(), day));
          }
        }
        for (int m = 0; m < 1440; m++) {
          long t0 = dayStart + m * MINUTE;
          background.minute(t0, m);
          if (routines != null) {
            routines.minute(t0, m);
          }
          written[0] = t0 + MINUTE;
          List<LogRecord> batch = new ArrayList<>(queue.size());
          while (!queue.isEmpty() && queue.peek().ts() < written[0]) {
            batch.add(queue.poll());
          }
          generated += batch.size();
          writer.submit(batch);
          if (m % PROGRESS_EVERY == PROGRESS_EVERY - 1) {
            progress.progress(day * 1440L + m + 1, totalMinutes, generated, note);
          }
        }
      }
      written[0] = Long.MAX_VALUE;
      List<LogRecord> rest = new ArrayList<>(queue.size());
      while (!queue.isEmpty()) {
        rest.add(queue.poll());
      }
      writer.submit(rest);
    }
    Truth truth = new Truth(config.seed(), config.start().toString(), config.days(), config.devices(),
        config.format().name().toLowerCase(Locale.ROOT), truths);
    Path truthFile = config.out().resolve("truth.json");
    truth.write(truthFile);
    if (!alerts.isEmpty()) {
      Path defender = Files.createDirectories(config.out().resolve("defender"));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("value", alerts);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
          defender.resolve("alerts.json").toFile(), body);
    }
    return new SimulationResult(archive.records(), archive.files(), alerts.size(), truth, truthFile);
  }

  /** The detection core's default learning period, in days: scenarios placed by default come after it. */
  static final int DETECTION_LEARNING_DAYS = 7;

  private static List<Planned> plan(SimulationConfig config) {
    List<String> ids = new ArrayList<>();
    for (String id : config.scenarios()) {
      if (id.equalsIgnoreCase("all")) {
        ids.addAll(Scenarios.IDS);
      } else if (!id.isBlank()) {
        ids.add(id.strip());
      }
    }
    SplittableRandom random = new SplittableRandom(Internet.mix(config.seed() ^ 0x91a4L));
    // Scenarios land after a learning period unless a day is given: detection's default week when the run leaves
    // at least two days after it, else the first half of the run.
    int learn = config.days() >= DETECTION_LEARNING_DAYS + 2 ? DETECTION_LEARNING_DAYS
        : config.days() > 1 ? Math.max(1, config.days() / 2) : 0;
    List<Planned> plan = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String spec = ids.get(i);
      int at = spec.indexOf('@');
      String id = at < 0 ? spec : spec.substring(0, at);
      int day = learn + random.nextInt(config.days() - learn);
      if (at >= 0) {
        day = parseDay(spec.substring(at + 1), config.days(), spec);
      }
      plan.add(new Planned(id, Scenarios.byId(id), day, i));
    }
    return plan;
  }

  private static int parseDay(String text, int days, String spec) {
    try {
      int day = Integer.parseInt(text);
      if (day < 0 || day >= days) {
        throw new IllegalArgumentException("scenario '" + spec + "': day must be 0.." + (days - 1));
      }
      return day;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scenario '" + spec + "': expected ID@DAY with a day number", e);
    }
  }

  private record Planned(String id, Scenario scenario, int day, int order) {}
}
