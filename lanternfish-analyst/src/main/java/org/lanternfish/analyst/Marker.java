package org.lanternfish.analyst;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.lanternfish.breach.Breach;

/**
 * One tradecraft marker of a profile: a test on a breach field ({@code file ~ regex}, {@code step = dcsync}), or a
 * count of distinct values among the breaches that pass a test ({@code distinct endpoint >= 8 where step =
 * exfiltration}).
 */
record Marker(String label, String field, Pattern pattern, String equals, String distinctField, int atLeast) {

  /** What matched: the breaches and the artefact to name in the reason, or null when nothing did. */
  record Match(List<String> breachIds, String artefact) {}

  Match match(List<Breach> breaches) {
    List<String> ids = new ArrayList<>();
    Set<String> artefacts = new LinkedHashSet<>();
    Set<String> counted = new LinkedHashSet<>();
    for (Breach b : breaches) {
      String hit = hit(b);
      if (hit == null) {
        continue;
      }
      ids.add(b.id());
      if (distinctField == null) {
        artefacts.add(artefact(b, hit));
      } else {
        counted.addAll(values(b, distinctField));
      }
    }
    if (ids.isEmpty() || distinctField != null && counted.size() < atLeast) {
      return null;
    }
    String artefact = distinctField == null ? Narrative.named(List.copyOf(artefacts))
        : counted.size() + " " + (distinctField.equals("device") || distinctField.equals("endpoint")
            ? distinctField + "s" : "distinct " + distinctField + " values");
    return new Match(ids, artefact);
  }

  // What to show the analyst: the file as written, or for a kind of step the devices it went between.
  private String artefact(Breach b, String hit) {
    return switch (field) {
      case "file" -> b.entities().get("file");
      case "step", "model", "model_id", "technique" -> b.peerValue() == null ? b.device() : b.device() + " to " + b.peerValue();
      default -> hit;
    };
  }

  private String hit(Breach b) {
    if (field == null) {
      return "";
    }
    for (String value : values(b, field)) {
      String v = value.toLowerCase(Locale.ROOT);
      boolean ok = pattern != null ? pattern.matcher(v).find()
          : field.equals("technique") ? v.equals(equals) || v.startsWith(equals + ".") : v.equals(equals);
      if (ok) {
        return value;
      }
    }
    return null;
  }

  /** The values of a field on a breach; files are in their normal form, such as perflogs\log.dll. */
  static List<String> values(Breach b, String field) {
    return switch (field) {
      case "model" -> List.of(b.model());
      case "model_id" -> b.modelIds();
      case "device" -> List.of(b.device());
      case "peer" -> b.peerValue() == null ? List.of() : List.of(b.peerValue());
      case "technique" -> b.techniques();
      case "step" -> Step.steps(b).stream().map(step -> step.label().toLowerCase(Locale.ROOT)).toList();
      case "file" -> b.entities().containsKey("file") ? List.of(Mark.normalisePath(b.entities().get("file")))
          : List.of();
      case "endpoint" -> Mark.of(b, Set.of(b.device())).stream()
          .filter(m -> m.kind() == Mark.Kind.ENDPOINT).map(Mark::value).toList();
      default -> b.entities().containsKey(field) ? List.of(b.entities().get(field)) : List.of();
    };
  }
}
