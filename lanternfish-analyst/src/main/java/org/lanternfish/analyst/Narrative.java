package org.lanternfish.analyst;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.lanternfish.breach.Breach;

/**
 * Tells an incident's story from templates: what each device did, act by act, in time order, every sentence linked
 * to the breaches and records it was written from.
 */
final class Narrative {

  /** Breaches of one device and one act close in time, told as one clause. */
  private record Scene(String device, Step.Act act, List<Breach> breaches) {
    long firstTs() {
      return breaches.get(0).ts();
    }

    long lastTs() {
      return breaches.get(breaches.size() - 1).ts();
    }

    /** The device's host name when detection knew it (ids such as a MAC say little to an analyst), else its id. */
    String label() {
      for (Breach b : breaches) {
        String name = b.entities().get("device_name");
        if (name != null && !name.equals(device)) {
          return name + " (" + device + ")";
        }
      }
      return device;
    }
  }

  private static final long HOUR = AnalystConfig.HOUR;
  // Steps of one act on one device this close together are one scene; ongoing acts (C2, exfiltration) span a day.
  private static final long SCENE_GAP = 6 * HOUR;
  private static final long ONGOING_SCENE_GAP = 24 * HOUR;
  private static final long FOLLOW_ON = 2 * HOUR;
  private static final int NAMED = 3;
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy 'at' HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final List<Breach> breaches;
  private final Set<String> devices;
  private final Clauses clauses;

  /** A narrative of breaches given in time order, among the given internal devices. */
  Narrative(List<Breach> breaches, Set<String> devices) {
    this.breaches = breaches;
    this.devices = devices;
    this.clauses = new Clauses(devices);
  }

  List<Sentence> sentences(List<Phase> phases, List<Resemblance> resemblances) {
    List<Sentence> out = new ArrayList<>();
    out.add(overview(phases));
    Scene previous = null;
    for (Scene scene : scenes(breaches)) {
      String clause = clauses.of(scene.act(), scene.breaches());
      out.add(sentence(lead(previous, scene) + clause + ".", scene.breaches()));
      previous = scene;
    }
    for (Resemblance r : resemblances) {
      List<Breach> matched = breaches.stream().filter(b -> r.breachIds().contains(b.id())).toList();
      out.add(sentence("The activity " + r.headline() + " (" + String.join("; ", r.reasons())
          + "); this is a resemblance to known tradecraft, not an attribution.", matched));
    }
    return out;
  }

  /** Joins words as an analyst writes a list: "a", "a and b", "a, b and c". */
  static String list(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** Names at most three things and counts the rest: "a, b, c and 13 more". */
  static String named(List<String> items) {
    if (items.size() <= NAMED + 1) {
      return list(items);
    }
    return String.join(", ", items.subList(0, NAMED)) + " and " + (items.size() - NAMED) + " more";
  }

  /** The distinct values a function gives for some breaches, in order, without nulls or blanks. */
  static List<String> distinct(List<Breach> breaches, Function<Breach, String> f) {
    Set<String> values = new LinkedHashSet<>();
    for (Breach b : breaches) {
      String v = f.apply(b);
      if (v != null && !v.isBlank() && !v.equals("-")) {
        values.add(v.strip());
      }
    }
    return List.copyOf(values);
  }

  private Sentence overview(List<Phase> phases) {
    long first = breaches.get(0).ts();
    long last = breaches.get(breaches.size() - 1).ts();
    long days = (last - first) / (24 * HOUR);
    String span = days >= 1 ? " over " + (days + 1) + " days" : " within " + duration(last - first);
    String reached = phases.isEmpty() ? ""
        : ", reaching " + list(phases.stream().map(Phase::label).toList());
    String text = count(breaches.size(), "breach", "breaches") + " on " + count(devices.size(), "device", "devices")
        + span + " (" + DAY_TIME.format(instant(first)) + " to " + DAY_TIME.format(instant(last)) + ")" + reached
        + ".";
    return sentence(text, breaches);
  }

  private static List<Scene> scenes(List<Breach> breaches) {
    List<Scene> scenes = new ArrayList<>();
    for (Breach b : breaches) {
      Step.Act act = Step.of(b).act();
      long gap = act == Step.Act.C2 || act == Step.Act.EXFIL ? ONGOING_SCENE_GAP : SCENE_GAP;
      Scene open = null;
      for (int i = scenes.size() - 1; i >= 0; i--) {
        Scene s = scenes.get(i);
        if (s.device().equals(b.device()) && s.act() == act && b.ts() - s.lastTs() <= gap) {
          open = s;
          break;
        }
      }
      if (open == null) {
        scenes.add(new Scene(b.device(), act, new ArrayList<>(List.of(b))));
      } else {
        open.breaches().add(b);
      }
    }
    return scenes;
  }

  // A new day gets a date; the same device soon after is "it"; otherwise the time since the previous scene.
  private static String lead(Scene previous, Scene scene) {
    if (previous == null || !DAY.format(instant(previous.firstTs())).equals(DAY.format(instant(scene.firstTs())))) {
      return "On " + DAY_TIME.format(instant(scene.firstTs())) + ", " + scene.label() + " ";
    }
    long gap = scene.firstTs() - previous.firstTs();
    if (previous.device().equals(scene.device()) && gap <= FOLLOW_ON) {
      return "Within " + duration(gap) + " it ";
    }
    return capitalise(duration(gap)) + " later, " + scene.label() + " ";
  }

  static String duration(long micros) {
    long minutes = Math.max(0, micros) / 60_000_000L;
    if (minutes < 1) {
      return "a minute";
    }
    if (minutes < 90) {
      return count((int) minutes, "minute", "minutes");
    }
    long hours = Math.round(minutes / 60.0);
    if (hours < 36) {
      return count((int) hours, "hour", "hours");
    }
    return count((int) Math.round(hours / 24.0), "day", "days");
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static Sentence sentence(String text, List<Breach> backing) {
    List<String> ids = backing.stream().map(Breach::id).distinct().toList();
    List<String> uids = backing.stream().flatMap(b -> b.recordUids().stream()).distinct().toList();
    return new Sentence(text, ids, uids);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
