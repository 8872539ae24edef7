package org.lanternfish.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.lanternfish.device.DeviceConfig;
import org.lanternfish.device.Subnet;
import org.lanternfish.intel.WatchList;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.store.DataFiles;
import org.lanternfish.web.settings.SiteConfiguration;

/**
 * The data directory's {@code config.toml} for the System Configuration page: read and checked by
 * {@link SystemConfiguration}'s own parser, so the page refuses exactly what detection would refuse, and replaced
 * whole. Detection reads it at its next start.
 */
public final class ConfigurationFile implements SiteConfiguration {
  private final Path dataDir;
  private final Path file;

  /** The configuration file of {@code dataDir}. */
  public ConfigurationFile(Path dataDir) {
    this.dataDir = dataDir;
    this.file = dataDir.resolve(SystemConfiguration.FILE);
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public synchronized String text() {
    try {
      // Bytes that are not UTF-8 show as U+FFFD, so the page can still show the file and a save repairs it.
      return Files.isRegularFile(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Reading read(String text) {
    try {
      SystemConfiguration site = SystemConfiguration.parse(file, text, dataDir);
      return new Reading(summary(site, text), null);
    } catch (SystemConfiguration.BadConfiguration e) {
      return new Reading(null, new Problem(e.line(), e.reason()));
    } catch (IOException e) {
      return new Reading(null, new Problem(0, "a watch list cannot be read: " + e.getMessage()));
    }
  }

  @Override
  public synchronized Reading save(String text) {
    Reading reading = read(text);
    if (reading.valid()) {
      try {
        DataFiles.replace(file, text.getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
    }
    return reading;
  }

  private Summary summary(SystemConfiguration site, String text) throws IOException {
    DeviceConfig devices = site.devices();
    Map<String, String> roles = new TreeMap<>();
    devices.roles().forEach((address, role) -> roles.put(address, role.name().toLowerCase(Locale.ROOT)));
    List<WatchListFile> lists = new ArrayList<>();
    // The parser has already accepted the text, so its watch_lists are a list of files that exist.
    for (JsonNode listed : new TomlMapper().readTree(text).path("watch_lists")) {
      Path list = dataDir.resolve(listed.asText());
      String contents = Files.readString(list);
      WatchList one = contents.stripLeading().startsWith("{") ? new WatchList().addStix(list.toString(), contents)
          : new WatchList().addCsv(list.toString(), contents);
      lists.add(new WatchListFile(listed.asText(), one.size()));
    }
    return new Summary(devices.internal().stream().map(Subnet::text).toList(),
        devices.vpn().stream().map(Subnet::text).toList(), new TreeMap<>(devices.names()), roles,
        devices.adminCredentials().pattern(), lists, site.timeZones().site().getId(), site.warnings());
  }
}
