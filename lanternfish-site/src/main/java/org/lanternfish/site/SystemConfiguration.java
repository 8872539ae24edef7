package org.lanternfish.site;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.lanternfish.analyst.AnalystConfig;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.Role;
import org.lanternfish.device.Subnet;
import org.lanternfish.device.TimeZones;
import org.lanternfish.ingest.TimeWindow;
import org.lanternfish.intel.WatchList;
import org.lanternfish.microsoft.auth.MicrosoftSettings;

/**
 * What the operator tells Lanternfish about the site, read from {@code config.toml} in the data directory: its
 * networks (internal, VPN pools), fixed names, tags and roles, administrative credential names, watch lists of
 * indicators, its time zone (with other zones for offices abroad, by network), and the AI Analyst's thresholds. Every key is optional; without the file the defaults hold (private address space,
 * no VPN, no watch list, UTC). An unknown key or a bad value stops the command with the file, key and reason, since
 * detection on a misdescribed network would mislead.
 *
 * @param devices the network description
 * @param watchList the indicators of all listed watch lists
 * @param timeZones the site's time zone and those of networks abroad
 * @param analyst the AI Analyst's threading thresholds (the {@code [analyst]} table)
 * @param warnings lines of watch lists that were skipped, each with its file and line
 * @param timeWindow the record times readers accept ({@code time_window_start} moves its start)
 */
public record SystemConfiguration(DeviceConfig devices, WatchList watchList, TimeZones timeZones,
    AnalystConfig analyst, List<String> warnings, TimeWindow timeWindow) {

  /** The file's name in the data directory. */
  public static final String FILE = "config.toml";

  private static final Set<String> KEYS = Set.of("internal_networks", "vpn_networks", "names", "tags", "roles",
      "admin_credentials", "watch_lists", "time_zone", "time_zones", "analyst", "time_window_start", "microsoft");

  /** Thrown for a configuration that cannot be used; the message names the file and key (and line, when known). */
  public static final class BadConfiguration extends RuntimeException {
    private final int line;
    private final String reason;

    BadConfiguration(String message) {
      this(message, 0, message);
    }

    BadConfiguration(String message, int line, String reason) {
      super(message);
      this.line = line;
      this.reason = reason;
    }

    /** The 1-based line of the file the problem is on, or 0 when it is not known. */
    public int line() {
      return line;
    }

    /** The problem without the file's name, such as {@code vpn_networks: not a network: 10.8.0.0/33}. */
    public String reason() {
      return reason;
    }
  }

  /** The defaults: private address space is internal, no VPN, no names, no watch list, UTC. */
  public static SystemConfiguration defaults() {
    return new SystemConfiguration(DeviceConfig.defaults(), new WatchList(), TimeZones.utc(),
        AnalystConfig.defaults(), List.of(), TimeWindow.USUAL);
  }

  /** Reads {@code config.toml} from the data directory, or gives the defaults when there is none. */
  public static SystemConfiguration load(Path dataDir) throws IOException {
    String text = text(dataDir);
    return text == null ? defaults() : parse(dataDir.resolve(FILE), text, dataDir);
  }

  /** The text of {@code config.toml} in the data directory, or null when there is none. */
  static String text(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    return Files.exists(file) ? fileText(file) : null;
  }

  /**
   * The {@code [microsoft]} table of {@code config.toml} (the Defender and Sentinel connection), empty when the file
   * or the table is absent; a bad one throws {@link BadConfiguration} naming the file and key.
   */
  public static Optional<MicrosoftSettings> microsoft(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return microsoft(file, tree(file, fileText(file)), dataDir);
  }

  private static Optional<MicrosoftSettings> microsoft(Path file, JsonNode root, Path dataDir) {
    if (!root.has("microsoft")) {
      return Optional.empty();
    }
    try {
      return Optional.of(MicrosoftSettings.read(root.get("microsoft"), dataDir));
    } catch (MicrosoftSettings.BadSettings e) {
      throw new BadConfiguration(file + ": " + e.getMessage());
    }
  }

  private static String fileText(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadConfiguration(file + ": is a folder or device, not a configuration file");
    }
    try {
      // Decoded strictly first: Jackson's own reader stops on bad UTF-8 with an exception that names no line.
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadConfiguration(file + ": is not UTF-8 text (TOML files are UTF-8)");
    } catch (IOException e) {
      throw new BadConfiguration(file + ": cannot be read: " + e.getMessage());
    }
  }

  private static JsonNode tree(Path file, String text) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new BadConfiguration(file + (line > 0 ? ":" + line : "") + ": " + e.getOriginalMessage(),
          Math.max(line, 0), e.getOriginalMessage());
    }
    return root == null ? new TomlMapper().createObjectNode() : root;
  }

  /**
   * Reads {@code text} as the contents of {@code file}, with watch lists found relative to {@code dataDir}: the check
   * the System Configuration page makes before it writes the file.
   */
  public static SystemConfiguration parse(Path file, String text, Path dataDir) throws IOException {
    return parse(file, text, dataDir, SiteFiles.DISK);
  }

  /** Reads {@code text} as the contents of {@code file}, with the watch lists it names read from {@code files}. */
  public static SystemConfiguration parse(Path file, String text, Path dataDir, SiteFiles files) throws IOException {
    return new Reader(file, text, tree(file, text)).read(dataDir, files);
  }

  /** The 1-based line where {@code key} is set or its table begins in {@code text}, or 0. */
  private static int lineOf(String text, String key) {
    Pattern setting = Pattern.compile("\\s*(\\[\\s*" + Pattern.quote(key) + "\\s*[\\].]|" + Pattern.quote(key)
        + "\\s*=).*");
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      if (setting.matcher(lines[i]).matches()) {
        return i + 1;
      }
    }
    return 0;
  }

  private record Reader(Path file, String text, JsonNode root) {

    SystemConfiguration read(Path dataDir, SiteFiles files) throws IOException {
      root.fieldNames().forEachRemaining(key -> {
        if (!KEYS.contains(key)) {
          throw bad(key, "unknown key (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
        }
      });
      DeviceConfig defaults = DeviceConfig.defaults();
      List<Subnet> internal = root.has("internal_networks")
          ? subnets("internal_networks") : defaults.internal();
      List<Subnet> vpn = subnets("vpn_networks");
      Map<String, String> names = table("names", v -> text("names", v));
      Map<String, Set<String>> tags = new HashMap<>();
      table("tags", v -> v).forEach((network, list) -> {
        subnet("tags", network);
        tags.put(network, new LinkedHashSet<>(strings("tags." + network, list)));
      });
      Map<String, Role> roles = table("roles", v -> role(text("roles", v)));
      for (String address : names.keySet()) {
        subnet("names", address);
      }
      for (String address : roles.keySet()) {
        subnet("roles", address);
      }
      Pattern admin = defaults.adminCredentials();
      if (root.has("admin_credentials")) {
        String regex = text("admin_credentials", root.get("admin_credentials"));
        try {
          admin = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw bad("admin_credentials", "not a regular expression: " + e.getDescription());
        }
      }
      ZoneId site = root.has("time_zone") ? zone("time_zone", root.get("time_zone")) : ZoneId.of("UTC");
      List<TimeZones.NetworkZone> abroad = new ArrayList<>();
      table("time_zones", v -> zone("time_zones", v))
          .forEach((network, zone) -> abroad.add(new TimeZones.NetworkZone(subnet("time_zones", network), zone)));
      // Most specific network first, so an office's /24 inside a region's /16 keeps its own clocks.
      abroad.sort(Comparator.comparingInt((TimeZones.NetworkZone n) -> -n.network().bits())
          .thenComparing(n -> n.network().text()));
      WatchList watchList = new WatchList();
      for (String listed : strings("watch_lists", root.path("watch_lists"))) {
        Path list = dataDir.resolve(listed);
        String text = files.read(list);
        if (text == null) {
          throw bad("watch_lists", "no such file: " + list);
        }
        String source = list.toString();
        if (text.stripLeading().startsWith("{")) {
          watchList.addStix(source, text);
        } else {
          watchList.addCsv(source, text);
        }
      }
      AnalystConfig analyst = AnalystSettings.read(root.path("analyst"), this::bad);
      microsoft(file, root, dataDir);
      return new SystemConfiguration(new DeviceConfig(internal, vpn, names, tags, roles, admin), watchList,
          new TimeZones(site, abroad), analyst, List.copyOf(watchList.errors()), timeWindow());
    }

    private TimeWindow timeWindow() {
      if (!root.has("time_window_start")) {
        return TimeWindow.USUAL;
      }
      String start = text("time_window_start", root.get("time_window_start"));
      try {
        long seconds = start.length() == 10 ? LocalDate.parse(start).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC)
            : Instant.parse(start).getEpochSecond();
        return new TimeWindow(seconds * 1_000_000, TimeWindow.USUAL.aheadMicros());
      } catch (DateTimeException | IllegalArgumentException e) {
        throw bad("time_window_start", "not a date before today such as \"1990-01-01\" or \"1970-01-01T00:00:00Z\"");
      }
    }

    private List<Subnet> subnets(String key) {
      List<Subnet> out = new ArrayList<>();
      for (String cidr : strings(key, root.path(key))) {
        out.add(subnet(key, cidr));
      }
      return out;
    }

    private ZoneId zone(String key, JsonNode node) {
      String name = text(key, node);
      try {
        return ZoneId.of(name);
      } catch (DateTimeException e) {
        throw bad(key, "unknown time zone '" + name + "' (use a name such as Europe/Berlin)");
      }
    }

    private Subnet subnet(String key, String cidr) {
      try {
        return Subnet.parse(cidr);
      } catch (IllegalArgumentException e) {
        throw bad(key, e.getMessage());
      }
    }

    private <V> Map<String, V> table(String key, Function<JsonNode, V> value) {
      JsonNode node = root.path(key);
      if (node.isMissingNode()) {
        return Map.of();
      }
      if (!node.isObject()) {
        throw bad(key, "expected a table such as [" + key + "]");
      }
      Map<String, V> out = new HashMap<>();
      node.fields().forEachRemaining(e -> out.put(e.getKey(), value.apply(e.getValue())));
      return out;
    }

    private List<String> strings(String key, JsonNode node) {
      if (node.isMissingNode()) {
        return List.of();
      }
      if (!node.isArray()) {
        throw bad(key, "expected a list of strings such as [\"a\", \"b\"]");
      }
      List<String> out = new ArrayList<>();
      node.forEach(item -> out.add(text(key, item)));
      return out;
    }

    private String text(String key, JsonNode node) {
      if (!node.isTextual()) {
        throw bad(key, "expected a string, got " + node);
      }
      return node.asText();
    }

    private Role role(String name) {
      try {
        return Role.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
      } catch (IllegalArgumentException e) {
        throw bad("roles", "unknown role '" + name + "' (known: "
            + String.join(", ", Arrays.stream(Role.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList())
            + ")");
      }
    }

    private BadConfiguration bad(String key, String reason) {
      String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      return new BadConfiguration(file + ": " + key + ": " + reason, lineOf(text, top), key + ": " + reason);
    }
  }
}
