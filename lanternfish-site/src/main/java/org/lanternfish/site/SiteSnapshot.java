package org.lanternfish.site;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The texts of a data directory's site files ({@code config.toml}, the watch lists it names, user model files and
 * thresholds), read and checked once where a job is submitted and parsed again, by the same parsers, wherever it runs.
 *
 * @param dataDir the data directory they were read from (files are named by it in messages)
 * @param configText the text of {@code config.toml}, or null when there was none
 * @param texts every other file read, by path
 */
public record SiteSnapshot(String dataDir, String configText, Map<String, String> texts)
    implements SiteFiles, Serializable {

  /** Copies the texts. */
  public SiteSnapshot {
    texts = new TreeMap<>(texts);
  }

  /** No data directory: the default site and the shipped models. */
  public static SiteSnapshot defaults() {
    return new SiteSnapshot(".", null, Map.of());
  }

  /**
   * Reads the site files of {@code dataDir}; a bad {@code config.toml} throws
   * {@link SystemConfiguration.BadConfiguration} here rather than on every machine that parses the snapshot.
   */
  public static SiteSnapshot take(Path dataDir) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    SiteFiles recording = new SiteFiles() {
      @Override
      public String read(Path file) throws IOException {
        String text = DISK.read(file);
        if (text != null) {
          texts.put(file.toString(), text);
        }
        return text;
      }

      @Override
      public List<Path> list(Path folder) throws IOException {
        return DISK.list(folder);
      }
    };
    String config = SystemConfiguration.text(dataDir);
    if (config != null) {
      SystemConfiguration.parse(dataDir.resolve(SystemConfiguration.FILE), config, dataDir, recording);
    }
    ModelFiles.load(dataDir, recording);
    return new SiteSnapshot(dataDir.toString(), config, texts);
  }

  /** The site's configuration, as {@link SystemConfiguration#load} read it. */
  public SystemConfiguration configuration() throws IOException {
    Path dir = Path.of(dataDir);
    return configText == null ? SystemConfiguration.defaults()
        : SystemConfiguration.parse(dir.resolve(SystemConfiguration.FILE), configText, dir, this);
  }

  /** The models in force, as {@link ModelFiles#load} read them. */
  public ModelFiles models() throws IOException {
    return ModelFiles.load(Path.of(dataDir), this);
  }

  @Override
  public String read(Path file) {
    return texts.get(file.toString());
  }

  @Override
  public List<Path> list(Path folder) {
    List<Path> entries = new ArrayList<>();
    for (String name : texts.keySet()) {
      Path file = Path.of(name);
      if (folder.equals(file.getParent())) {
        entries.add(file);
      }
    }
    return entries;
  }
}
