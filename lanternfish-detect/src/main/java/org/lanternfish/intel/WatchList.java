package org.lanternfish.intel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Indicators of compromise (IP addresses and domains) the operator watches for, parsed from CSV or STIX 2.1 text
 * that the app read from a file or feed. A domain indicator also matches its subdomains.
 */
public final class WatchList {

  private static final Pattern STIX = Pattern.compile(
      "\\[\\s*(ipv4-addr|ipv6-addr|domain-name|url)\\s*:\\s*value\\s*=\\s*'([^']+)'\\s*]");
  private static final Pattern STIX_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

  private final Map<String, String> indicators = new HashMap<>();
  private final List<String> errors = new ArrayList<>();

  /** An empty list. */
  public WatchList() {}

  /**
   * Adds indicators from CSV text: one per line, {@code indicator[,description]}; a header line and lines starting
   * with {@code #} are skipped. Lines that are neither an address nor a domain are reported, not fatal.
   */
  public WatchList addCsv(String source, String text) {
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || i == 0 && line.toLowerCase(Locale.ROOT).startsWith("indicator")) {
        continue;
      }
      String[] parts = line.split(",", 2);
      String value = clean(parts[0]);
      if (!value.matches("[0-9a-f:.]+|[a-z0-9_.-]+\\.[a-z0-9-]+")) {
        errors.add(source + ":" + (i + 1) + ": not an IP address or domain: '" + parts[0] + "'");
        continue;
      }
      indicators.put(value, parts.length > 1 ? parts[1].strip() : source);
    }
    return this;
  }

  /** Adds the IP and domain indicators of a STIX 2.1 bundle (its {@code pattern} strings), named after the object. */
  public WatchList addStix(String source, String json) {
    int found = 0;
    for (String object : json.split("\"type\"\\s*:\\s*\"indicator\"")) {
      Matcher name = STIX_NAME.matcher(object);
      String label = name.find() ? name.group(1) : source;
      Matcher m = STIX.matcher(object.replace("\\'", "'"));
      while (m.find()) {
        String value = clean(m.group(2));
        if (m.group(1).equals("url")) {
          value = clean(value.replaceFirst("^[a-z]+://", "").replaceFirst("[/:?].*$", ""));
        }
        indicators.put(value, label);
        found++;
      }
    }
    if (found == 0) {
      errors.add(source + ":1: no ipv4-addr, ipv6-addr, domain-name or url indicator patterns found");
    }
    return this;
  }

  private static String clean(String v) {
    return v.strip().toLowerCase(Locale.ROOT).replace("[.]", ".").replaceAll("\\.$", "");
  }

  /** The description of the indicator matching this address or domain (or a parent domain), or null. */
  public String match(String value) {
    if (value == null || indicators.isEmpty()) {
      return null;
    }
    String v = value.toLowerCase(Locale.ROOT);
    String hit = indicators.get(v);
    int dot = v.indexOf('.');
    while (hit == null && dot > 0 && v.indexOf('.', dot + 1) > 0) {
      v = v.substring(dot + 1);
      hit = indicators.get(v);
      dot = v.indexOf('.');
    }
    return hit;
  }

  /** Number of indicators. */
  public int size() {
    return indicators.size();
  }

  /** Problems met while parsing, as {@code source:line: reason}. */
  public List<String> errors() {
    return List.copyOf(errors);
  }
}
