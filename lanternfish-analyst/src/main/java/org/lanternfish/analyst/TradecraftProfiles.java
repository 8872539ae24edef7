package org.lanternfish.analyst;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.lanternfish.breach.Breach;

/**
 * Actor tradecraft profiles the AI Analyst compares incidents with, parsed from text so users can edit them.
 *
 * <p>The text has one {@code [Profile name]} line per profile, then {@code marker: label | condition} lines, where a
 * condition is {@code FIELD ~ REGEX}, {@code FIELD = VALUE}, or {@code distinct FIELD >= N where FIELD = VALUE}
 * (the {@code where} part may also use {@code ~}). Fields are model, device, peer, technique, step (such as
 * "dcsync"), endpoint (external domains and addresses), file (as perflogs\log.dll: lower case, no drive or share)
 * and any entity key such as credential. Regexes match anywhere, ignoring case. Lines starting with # are comments.
 * A bad line is reported in {@link #errors()} with its line number and skipped; the other lines still count.
 */
public final class TradecraftProfiles {

  private static final String BUNDLED = "tradecraft.txt";
  private static final Pattern PROFILE = Pattern.compile("^\\[(.+)]$");
  private static final Pattern MARKER = Pattern.compile("^marker:\\s*(.+?)\\s*\\|\\s*(.+)$");
  private static final Pattern DISTINCT =
      Pattern.compile("^distinct\\s+(\\S+)\\s*>=\\s*(\\d+)(?:\\s+where\\s+(.+))?$");
  private static final Pattern TEST = Pattern.compile("^(\\S+)\\s*(~|=)\\s*(.+)$");
  private static final Set<String> FIELDS = Set.of("model", "model_id", "device", "peer", "technique", "step",
      "endpoint", "file");
  // A single matching marker is a coincidence, not a resemblance.
  private static final int MIN_MATCHED = 2;

  private final List<TradecraftProfile> profiles;
  private final List<String> errors;

  private TradecraftProfiles(List<TradecraftProfile> profiles, List<String> errors) {
    this.profiles = List.copyOf(profiles);
    this.errors = List.copyOf(errors);
  }

  /** No profiles: incidents get no tradecraft hints. */
  public static TradecraftProfiles none() {
    return new TradecraftProfiles(List.of(), List.of());
  }

  /** Parses profiles from text; {@code source} names the text in errors, such as the file it came from. */
  public static TradecraftProfiles parse(String source, String text) {
    List<TradecraftProfile> profiles = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String name = null;
    List<Marker> markers = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher profile = PROFILE.matcher(line);
      Matcher marker = MARKER.matcher(line);
      if (profile.matches()) {
        if (name != null) {
          profiles.add(new TradecraftProfile(name, markers));
        }
        name = profile.group(1).strip();
        markers = new ArrayList<>();
      } else if (!marker.matches()) {
        errors.add(source + ":" + (i + 1) + ": expected [Profile name] or marker: label | condition");
      } else if (name == null) {
        errors.add(source + ":" + (i + 1) + ": marker before any [Profile name]");
      } else {
        try {
          markers.add(marker(marker.group(1), marker.group(2).strip()));
        } catch (IllegalArgumentException e) {
          errors.add(source + ":" + (i + 1) + ": " + e.getMessage());
        }
      }
    }
    if (name != null) {
      profiles.add(new TradecraftProfile(name, markers));
    }
    profiles.removeIf(p -> p.markers().isEmpty());
    return new TradecraftProfiles(profiles, errors);
  }

  /** The profiles shipped with Lanternfish (ShadowPad/APT41-like intrusion, DPRK-linked data theft). */
  public static TradecraftProfiles bundled() {
    try (InputStream in = TradecraftProfiles.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the bundled " + BUNDLED + " is missing from the classpath");
      }
      return parse(BUNDLED, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled " + BUNDLED, e);
    }
  }

  /** The profile names, in the order written. */
  public List<String> names() {
    return profiles.stream().map(TradecraftProfile::name).toList();
  }

  /** Problems found while parsing, each as "source:line: message". */
  public List<String> errors() {
    return errors;
  }

  /** The profiles some breaches resemble (at least two markers matched), most confident first. */
  public List<Resemblance> resemblances(List<Breach> breaches) {
    List<Resemblance> out = new ArrayList<>();
    for (TradecraftProfile profile : profiles) {
      List<String> reasons = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      for (Marker marker : profile.markers()) {
        Marker.Match match = marker.match(breaches);
        if (match != null) {
          reasons.add(match.artefact().isEmpty() ? marker.label() : marker.label() + " (" + match.artefact() + ")");
          ids.addAll(match.breachIds());
        }
      }
      if (reasons.size() >= MIN_MATCHED) {
        int total = profile.markers().size();
        out.add(new Resemblance(profile.name(), (double) reasons.size() / total, reasons.size(), total, reasons,
            List.copyOf(ids)));
      }
    }
    out.sort(Comparator.comparingDouble(Resemblance::confidence).reversed().thenComparing(Resemblance::profile));
    return out;
  }

  private static Marker marker(String label, String condition) {
    Matcher distinct = DISTINCT.matcher(condition);
    if (distinct.matches()) {
      String counted = field(distinct.group(1));
      int atLeast = Integer.parseInt(distinct.group(2));
      if (distinct.group(3) == null) {
        return new Marker(label, null, null, null, counted, atLeast);
      }
      Marker where = test(label, distinct.group(3).strip());
      return new Marker(label, where.field(), where.pattern(), where.equals(), counted, atLeast);
    }
    return test(label, condition);
  }

  private static Marker test(String label, String condition) {
    Matcher test = TEST.matcher(condition);
    if (!test.matches()) {
      throw new IllegalArgumentException("condition '" + condition + "' is not FIELD ~ REGEX, FIELD = VALUE or "
          + "distinct FIELD >= N where ...");
    }
    String field = field(test.group(1));
    String value = test.group(3).strip();
    if (test.group(2).equals("=")) {
      return new Marker(label, field, null, value.toLowerCase(Locale.ROOT), null, 0);
    }
    try {
      return new Marker(label, field, Pattern.compile(value, Pattern.CASE_INSENSITIVE), null, null, 0);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regex '" + value + "': " + e.getDescription());
    }
  }

  private static String field(String raw) {
    String field = raw.toLowerCase(Locale.ROOT);
    if (!FIELDS.contains(field) && !field.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("unknown field '" + raw + "'");
    }
    return field;
  }
}
