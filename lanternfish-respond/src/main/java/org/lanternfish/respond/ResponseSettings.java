package org.lanternfish.respond;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lanternfish.microsoft.defender.MachineActions;
import org.lanternfish.respond.defender.DefenderIsolation;
import org.lanternfish.respond.http.DynamicList;
import org.lanternfish.respond.http.WebhookBackend;
import org.lanternfish.respond.nftables.NftablesFirewall;

/**
 * RESPOND's settings, read from one file beside {@code config.toml} ({@code respond.conf}): the policy's rules, the
 * never-block list and the backends. The file is blocks of {@code key: value} lines separated by blank lines; a
 * block is a rule, a backend or never-block entries by its first key. Without rules the shipped policy applies.
 *
 * <pre>
 * rule: s1-block
 * models: new-user-agent-to-internal-server     # model ids (optional)
 * categories: Anomalous Connection              # model categories (optional; neither: every breach)
 * score: 60..100                                # a score band (optional)
 * with_integration_alert: 1h                    # only when Defender also alerted on the device within 1h
 * action: block_connections                     # block_outgoing, block_incoming, quarantine, pattern_of_life,
 *                                               # group_pattern_of_life
 * duration: 2h                                  # or: escalating (10m, 1h, 24h, 7d for repeat offenders)
 * mode: autonomous                              # or: confirm
 *
 * rule: critical-incidents
 * incidents: yes                                # answers incidents: acts on each device of one whose priority
 * score: 80..100                                #   enters this band
 * action: quarantine                            # a whole-device action
 * isolation: selective                          # for a quarantine through Defender (optional; else the backend's)
 * duration: 4h
 * mode: confirm
 *
 * never_block: 10.0.0.1, 10.0.0.10, 10.0.0.53/32
 *
 * backend: nftables
 * table: lanternfish                            # optional
 * command: ip netns exec gw                     # optional prefix to nft
 * allowed: 10.0.0.10, 10.0.0.53                 # reachable from a quarantined device
 *
 * backend: webhook                              # JSON POSTs signed with HMAC-SHA256 (WebhookSignature)
 * url: https://soar.example.org/lanternfish
 * secret_file: webhook.secret                   # beside this file; 16 characters or more
 *
 * backend: edl                                  # a plain-text list firewalls poll
 * listen: 0.0.0.0:8081
 * path: /edl/lanternfish.txt
 * user: firewall                                # optional HTTP Basic ...
 * password_file: edl.password
 * token_file: edl.token                         # ... or a token (Bearer, or ?token=)
 *
 * backend: defender                              # quarantine isolates the device's Defender machine
 * isolation: selective                           # or full (the default); needs config.toml's [microsoft]
 * </pre>
 *
 * @param policy the rules
 * @param neverBlock addresses and CIDR blocks no action may touch
 * @param backends the backends, in the order given
 */
public record ResponseSettings(ResponsePolicy policy, List<String> neverBlock, List<ResponseBackend> backends) {

  /** The file's name in the data directory. */
  public static final String FILE = "respond.conf";

  /** A file that cannot be used; the message has every problem as {@code file:line: reason}. */
  public static final class InvalidSettings extends RuntimeException {
    /** Problems, one a line. */
    public InvalidSettings(String message) {
      super(message);
    }
  }

  private static final Set<String> RULE_KEYS = Set.of("rule", "models", "categories", "score",
      "with_integration_alert", "action", "duration", "mode", "incidents", "isolation");
  /** Keys that choose breaches, which a rule answering incidents has none of. */
  private static final List<String> BREACH_KEYS = List.of("models", "categories", "with_integration_alert");
  private static final Map<String, Set<String>> BACKEND_KEYS = Map.of(
      "nftables", Set.of("backend", "table", "command", "allowed"),
      "webhook", Set.of("backend", "url", "secret_file"),
      "edl", Set.of("backend", "listen", "path", "user", "password_file", "token_file"),
      "defender", Set.of("backend", "isolation"));

  /** Makes the lists immutable. */
  public ResponseSettings {
    neverBlock = List.copyOf(neverBlock);
    backends = List.copyOf(backends);
  }

  /** The settings without a file: the shipped policy, nothing on the never-block list, no backend. */
  public static ResponseSettings defaults() {
    return new ResponseSettings(ResponsePolicy.defaults(), List.of(), List.of());
  }

  /**
   * Reads {@code text}, the contents of {@code file}; {@code defender} opens the Defender API for a
   * {@code backend: defender} (null when {@code config.toml} has no {@code [microsoft]} table). Throws
   * {@link InvalidSettings} naming every bad line.
   */
  public static ResponseSettings parse(String file, String text, DefenderIsolation.Connection defender) {
    List<String> problems = new ArrayList<>();
    List<ResponseRule> rules = new ArrayList<>();
    List<String> neverBlock = new ArrayList<>();
    List<ResponseBackend> backends = new ArrayList<>();
    for (Block block : blocks(file, text, problems)) {
      int before = problems.size();
      String first = block.firstKey();
      switch (first) {
        case "rule" -> {
          ResponseRule rule = rule(block, problems);
          if (problems.size() == before) {
            rules.add(rule);
          }
        }
        case "never_block" -> {
          for (Map.Entry<String, Line> e : block.lines.entrySet()) {
            if (!e.getKey().equals("never_block")) {
              problems.add(e.getValue().where() + "unknown key '" + e.getKey() + "' in a never_block block");
            }
          }
          for (String entry : list(block.lines.get("never_block").value)) {
            try {
              new NeverBlock(List.of(entry));
              neverBlock.add(entry);
            } catch (IllegalArgumentException e) {
              problems.add(block.lines.get("never_block").where() + "'" + entry + "' is not an address or CIDR block");
            }
          }
        }
        case "backend" -> {
          ResponseBackend backend = backend(block, defender, problems);
          if (problems.size() == before) {
            backends.add(backend);
          }
        }
        default -> problems.add(block.lines.get(first).where() + "a block starts with rule, backend or never_block,"
            + " not '" + first + "'");
      }
    }
    if (!problems.isEmpty()) {
      // Every problem starts "file:line: "; reported in the file's order.
      problems.sort(Comparator.comparingInt(p -> Integer.parseInt(p.substring(file.length() + 1,
          p.indexOf(':', file.length() + 1)))));
      throw new InvalidSettings(String.join("\n", problems));
    }
    ResponsePolicy policy = rules.isEmpty() ? ResponsePolicy.defaults() : new ResponsePolicy(rules);
    return new ResponseSettings(policy, neverBlock, backends);
  }

  private record Line(String file, int number, String value) {
    String where() {
      return file + ":" + number + ": ";
    }
  }

  private record Block(Map<String, Line> lines) {
    String firstKey() {
      return lines.keySet().iterator().next();
    }
  }

  private static List<Block> blocks(String file, String text, List<String> problems) {
    List<Block> blocks = new ArrayList<>();
    Map<String, Line> current = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i <= lines.length; i++) {
      String line = i == lines.length ? "" : stripComment(lines[i]).strip();
      if (line.isEmpty()) {
        if (!current.isEmpty()) {
          blocks.add(new Block(current));
          current = new LinkedHashMap<>();
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        problems.add(file + ":" + (i + 1) + ": expected 'key: value', got '" + line + "'");
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (current.containsKey(key)) {
        problems.add(file + ":" + (i + 1) + ": '" + key + "' given twice in one block (blocks are separated by a"
            + " blank line)");
        continue;
      }
      current.put(key, new Line(file, i + 1, value));
    }
    return blocks;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  private static ResponseRule rule(Block block, List<String> problems) {
    for (Map.Entry<String, Line> e : block.lines.entrySet()) {
      if (!RULE_KEYS.contains(e.getKey())) {
        problems.add(e.getValue().where() + "unknown key '" + e.getKey() + "' of a rule (known: "
            + new TreeSet<>(RULE_KEYS) + ")");
      }
    }
    Line name = block.lines.get("rule");
    if (name.value.isEmpty() || !name.value.matches("[A-Za-z0-9._-]+")) {
      problems.add(name.where() + "a rule's name is letters, digits, '.', '_' and '-', got '" + name.value + "'");
    }
    int minScore = 0;
    int maxScore = 100;
    Line score = block.lines.get("score");
    if (score != null) {
      String[] band = score.value.split("\\.\\.", -1);
      try {
        minScore = Integer.parseInt(band[0].strip());
        maxScore = band.length == 2 ? Integer.parseInt(band[1].strip()) : 100;
        if (band.length > 2 || minScore < 0 || maxScore > 100 || minScore > maxScore) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        problems.add(score.where() + "score is a band such as 60..100 (or 60 for 60 and above) within 0..100, got '"
            + score.value + "'");
      }
    }
    long window = 0;
    Line integration = block.lines.get("with_integration_alert");
    if (integration != null && !integration.value.equalsIgnoreCase("no")) {
      window = duration(integration, problems);
    }
    ActionKind kind = ActionKind.BLOCK_CONNECTIONS;
    Line action = required(block, "action", problems);
    if (action != null) {
      try {
        kind = ActionKind.valueOf(action.value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(action.where() + "unknown action '" + action.value + "' (block_connections, block_outgoing,"
            + " block_incoming, quarantine, pattern_of_life, group_pattern_of_life)");
      }
    }
    boolean escalating = false;
    long durationMicros = 0;
    Line duration = required(block, "duration", problems);
    if (duration != null) {
      escalating = duration.value.equalsIgnoreCase("escalating");
      durationMicros = escalating ? 0 : duration(duration, problems);
    }
    boolean autonomous = false;
    Line mode = required(block, "mode", problems);
    if (mode != null) {
      autonomous = mode.value.equalsIgnoreCase("autonomous");
      if (!autonomous && !mode.value.equalsIgnoreCase("confirm")) {
        problems.add(mode.where() + "mode is autonomous or confirm, got '" + mode.value + "'");
      }
    }
    boolean incidents = false;
    Line answers = block.lines.get("incidents");
    if (answers != null) {
      incidents = answers.value.equalsIgnoreCase("yes");
      if (!incidents && !answers.value.equalsIgnoreCase("no")) {
        problems.add(answers.where() + "incidents is yes or no, got '" + answers.value + "'");
      }
    }
    if (incidents) {
      for (String key : BREACH_KEYS) {
        if (block.lines.containsKey(key)) {
          problems.add(block.lines.get(key).where() + "a rule answering incidents acts on their priority; " + key
              + " chooses breaches");
        }
      }
      if (action != null && kind == ActionKind.BLOCK_CONNECTIONS) {
        problems.add(action.where() + "a rule answering incidents acts on whole devices: block_outgoing,"
            + " block_incoming, quarantine, pattern_of_life or group_pattern_of_life");
      }
    }
    MachineActions.Isolation isolation = null;
    Line isolationLine = block.lines.get("isolation");
    if (isolationLine != null) {
      if (action != null && kind != ActionKind.QUARANTINE) {
        problems.add(isolationLine.where() + "isolation says how Defender quarantines a device; this rule's action"
            + " is " + action.value);
      }
      isolation = isolation(isolationLine, problems);
    }
    Line models = block.lines.get("models");
    Line categories = block.lines.get("categories");
    return new ResponseRule(name.value, models == null ? Set.of() : Set.copyOf(list(models.value)),
        categories == null ? Set.of() : Set.copyOf(list(categories.value)), minScore, maxScore, integration != null
        && window > 0, window, kind, durationMicros, escalating, autonomous, incidents, isolation);
  }

  private static ResponseBackend backend(Block block, DefenderIsolation.Connection defender,
      List<String> problems) {
    Line kind = block.lines.get("backend");
    Set<String> keys = BACKEND_KEYS.get(kind.value.toLowerCase(Locale.ROOT));
    if (keys == null) {
      problems.add(kind.where() + "unknown backend '" + kind.value + "' (known: " + new TreeSet<>(BACKEND_KEYS.keySet())
          + ")");
      return null;
    }
    for (Map.Entry<String, Line> e : block.lines.entrySet()) {
      if (!keys.contains(e.getKey())) {
        problems.add(e.getValue().where() + "unknown key '" + e.getKey() + "' of the " + kind.value + " backend"
            + " (known: " + new TreeSet<>(keys) + ")");
      }
    }
    return switch (kind.value.toLowerCase(Locale.ROOT)) {
      case "webhook" -> webhook(block, problems);
      case "edl" -> dynamicList(block, problems);
      case "defender" -> defender(block, defender, problems);
      default -> nftables(block, problems);
    };
  }

  private static ResponseBackend nftables(Block block, List<String> problems) {
    Line table = block.lines.get("table");
    if (table != null && !table.value.matches("[A-Za-z][A-Za-z0-9_]*")) {
      problems.add(table.where() + "an nftables table name is a letter then letters, digits or '_', got '"
          + table.value + "'");
    }
    Line command = block.lines.get("command");
    Line allowed = block.lines.get("allowed");
    List<String> allowedAddresses = allowed == null ? List.of() : list(allowed.value);
    for (String address : allowedAddresses) {
      try {
        new NeverBlock(List.of(address));
      } catch (IllegalArgumentException e) {
        problems.add(allowed.where() + "'" + address + "' is not an address or CIDR block");
      }
    }
    return new NftablesFirewall(command == null ? List.of() : List.of(command.value.split("\\s+")),
        table == null ? "lanternfish" : table.value, allowedAddresses);
  }

  private static ResponseBackend defender(Block block, DefenderIsolation.Connection defender,
      List<String> problems) {
    if (defender == null) {
      problems.add(block.lines.get("backend").where() + "the defender backend needs the [microsoft] table of"
          + " config.toml (tenant, application and client secret)");
    }
    Line type = block.lines.get("isolation");
    MachineActions.Isolation isolation = type == null ? null : isolation(type, problems);
    return defender == null ? null : new DefenderIsolation(defender, isolation == null
        ? MachineActions.Isolation.FULL : isolation);
  }

  /** How Defender isolates, as {@code line} says: full or selective; null after noting a problem. */
  private static MachineActions.Isolation isolation(Line line, List<String> problems) {
    try {
      return MachineActions.Isolation.valueOf(line.value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(line.where() + "isolation is full or selective, got '" + line.value + "'");
      return null;
    }
  }

  private static ResponseBackend webhook(Block block, List<String> problems) {
    Line url = block.lines.get("url");
    URI uri = null;
    if (url == null) {
      problems.add(block.lines.get("backend").where() + "a webhook needs 'url:'");
    } else {
      try {
        uri = new URI(url.value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
          throw new URISyntaxException(url.value, "not an http or https URL with a host");
        }
      } catch (URISyntaxException e) {
        problems.add(url.where() + "'" + url.value + "' is not an http or https URL with a host");
      }
    }
    byte[] secret = secretFile(block, "secret_file", true, problems);
    return uri == null || secret == null ? null : new WebhookBackend(uri, secret);
  }

  private static ResponseBackend dynamicList(Block block, List<String> problems) {
    Line listen = block.lines.get("listen");
    InetSocketAddress address = null;
    if (listen == null) {
      problems.add(block.lines.get("backend").where() + "an edl needs 'listen:' (such as 0.0.0.0:8081)");
    } else {
      int colon = listen.value.lastIndexOf(':');
      try {
        int port = Integer.parseInt(listen.value.substring(colon + 1));
        if (colon <= 0 || port < 0 || port > 65_535) {
          throw new NumberFormatException();
        }
        address = new InetSocketAddress(listen.value.substring(0, colon), port);
      } catch (NumberFormatException e) {
        problems.add(listen.where() + "listen is HOST:PORT such as 0.0.0.0:8081, got '" + listen.value + "'");
      }
    }
    Line path = block.lines.get("path");
    if (path != null && !path.value.matches("/[A-Za-z0-9._/-]*")) {
      problems.add(path.where() + "path is a URL path such as /edl/lanternfish.txt, got '" + path.value + "'");
    }
    Line user = block.lines.get("user");
    byte[] password = secretFile(block, "password_file", user != null, problems);
    if (user == null && password != null) {
      problems.add(block.lines.get("password_file").where() + "a password needs 'user:'");
    }
    byte[] token = secretFile(block, "token_file", false, problems);
    return address == null ? null : new DynamicList(address, path == null ? "/edl/lanternfish.txt" : path.value,
        new DynamicList.Access(user == null ? null : user.value, password, token), ResponseService::wallClock);
  }

  /** The secret in the file {@code key} names (beside the settings file unless absolute), without its line end. */
  private static byte[] secretFile(Block block, String key, boolean required, List<String> problems) {
    Line line = block.lines.get(key);
    if (line == null) {
      if (required) {
        problems.add(block.lines.get("backend").where() + "needs '" + key + ":'");
      }
      return null;
    }
    Path file = Path.of(line.file).toAbsolutePath().resolveSibling(line.value);
    try {
      String secret = Files.readString(file).strip();
      if (secret.length() < 16) {
        problems.add(line.where() + file + " holds " + secret.length() + " characters; a secret needs 16 or more");
        return null;
      }
      return secret.getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(line.where() + "cannot read " + file + ": " + e.getMessage());
      return null;
    }
  }

  private static Line required(Block block, String key, List<String> problems) {
    Line line = block.lines.get(key);
    if (line == null) {
      Line start = block.lines.values().iterator().next();
      problems.add(start.where() + "the rule has no '" + key + ":'");
    }
    return line;
  }

  private static long duration(Line line, List<String> problems) {
    try {
      return durationMicros(line.value);
    } catch (IllegalArgumentException e) {
      problems.add(line.where() + e.getMessage());
      return 0;
    }
  }

  /**
   * A duration such as {@code 90s}, {@code 10m}, {@code 2h} or {@code 7d} in microseconds; throws
   * {@link IllegalArgumentException} saying what a duration is for anything else.
   */
  public static long durationMicros(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (v.matches("\\d{1,6}[smhd]")) {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      long unit = switch (v.charAt(v.length() - 1)) {
        case 's' -> 1_000_000L;
        case 'm' -> 60_000_000L;
        case 'h' -> 3_600_000_000L;
        default -> 86_400_000_000L;
      };
      if (n > 0 && n * unit <= 366 * 86_400_000_000L) {
        return n * unit;
      }
    }
    throw new IllegalArgumentException("a duration is a positive number with s, m, h or d, at most a year, such as"
        + " 2h; got '" + text + "'");
  }

  private static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }
}
