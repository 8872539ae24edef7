package org.lanternfish.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lanternfish.store.DataFiles;
import org.lanternfish.web.settings.SiteConfiguration;

/**
 * A configuration file for tests of the web layer alone (the app's reads config.toml with detection's parser): lines
 * {@code vpn_networks = "CIDR"} or comments; any other line is its problem, by line.
 */
final class LineSite implements SiteConfiguration {
  private final Path file;

  LineSite(Path dataDir) {
    this.file = dataDir.resolve("config.toml");
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public String text() {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Reading read(String text) {
    List<String> vpn = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!line.matches("vpn_networks = \"\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+\"")) {
        return new Reading(null, new Problem(i + 1, "expected vpn_networks = \"CIDR\""));
      }
      vpn.add(line.substring(line.indexOf('"') + 1, line.length() - 1));
    }
    return new Reading(new Summary(List.of("10.0.0.0/8"), vpn, Map.of(), Map.of(), "admin", List.of(), "UTC",
        List.of()), null);
  }

  @Override
  public Reading save(String text) {
    Reading reading = read(text);
    if (reading.valid()) {
      try {
        DataFiles.replace(file, text.getBytes(StandardCharsets.UTF_8), DataFiles.Access.DEFAULT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return reading;
  }
}
