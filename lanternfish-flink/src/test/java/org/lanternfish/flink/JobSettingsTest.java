package org.lanternfish.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.device.Subnet;
import org.lanternfish.event.Event;
import org.lanternfish.model.Catalogue;
import org.lanternfish.model.Model;
import org.lanternfish.site.ModelFiles;
import org.lanternfish.site.SiteSnapshot;
import org.lanternfish.site.SystemConfiguration;

/**
 * The job's detection settings come from the site's data directory, read where the job is submitted and parsed on
 * the task managers by the embedded runner's parsers: a site's model files and {@code config.toml} change what the
 * job finds exactly as they change what the embedded runner finds.
 */
final class JobSettingsTest {
  private static final long EPOCH_MICROS = 3_600_000_000L;

  @TempDir
  Path dir;

  @Test
  void detectConfig_ofASiteDataDirectory_findsWhatTheEmbeddedRunnerFindsOnThatSite() throws Exception {
    SimulatedWeek week = SimulatedWeek.make(dir.resolve("logs"), settings(SiteSnapshot.defaults()));
    String loudest = week.breaches.stream().collect(Collectors.groupingBy(Breach::model, Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Model shipped = Catalogue.shipped().models().stream().filter(m -> m.name().equals(loudest)).findFirst()
        .orElseThrow();
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve(ModelFiles.FOLDER));
    Files.writeString(data.resolve(ModelFiles.FOLDER).resolve("site.models"), "model: " + loudest + "\non: "
        + shipped.on() + "\nscore: " + shipped.score() + "\nenabled: false\n");
    Files.writeString(data.resolve(SystemConfiguration.FILE), "vpn_networks = [\"10.250.0.0/16\"]\n");

    DetectConfig embedded = ModelFiles.load(data).config(SimulatedWeek.LEARNING_DAYS, SystemConfiguration.load(data))
        .withEpochs(EPOCH_MICROS, 0);
    List<Breach> byEmbedded = detect(week, embedded);
    JobSettings submitted = settings(SiteSnapshot.take(data));
    deleteTree(data);
    DetectConfig onTaskManager = shipAsFlinkDoes(submitted).detectConfig();
    List<Breach> byJob = detect(week, onTaskManager);

    assertThat(week.breaches).anyMatch(b -> b.model().equals(loudest));
    assertThat(byJob).isNotEmpty().noneMatch(b -> b.model().equals(loudest)).isEqualTo(byEmbedded);
    assertThat(onTaskManager.devices().vpn()).containsExactly(Subnet.parse("10.250.0.0/16"));
  }

  @Test
  void detectConfig_withoutADataDirectory_isTheShippedModelsOnTheDefaultSite() throws Exception {
    DetectConfig config = shipAsFlinkDoes(settings(SiteSnapshot.defaults())).detectConfig();

    assertThat(config.catalogue().models().stream().map(Model::name))
        .containsExactlyElementsOf(Catalogue.shipped().models().stream().map(Model::name).toList());
    assertThat(config.devices().vpn()).isEmpty();
  }

  private static JobSettings settings(SiteSnapshot site) {
    return new JobSettings("unused", List.of("zeek"), "unused", SimulatedWeek.LEARNING_DAYS, EPOCH_MICROS, 0,
        System.currentTimeMillis(), true, site);
  }

  /** Java serialization, as Flink ships an operator's fields with the job graph. */
  private static JobSettings shipAsFlinkDoes(JobSettings settings) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(settings);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (JobSettings) in.readObject();
    }
  }

  private static List<Breach> detect(SimulatedWeek week, DetectConfig config) throws Exception {
    Records parser = new Records();
    List<Breach> breaches = new ArrayList<>();
    try (EmbeddedDetector detector = new EmbeddedDetector(config, 1)) {
      for (byte[] record : week.records) {
        for (Event e : parser.parse("zeek", record)) {
          breaches.addAll(detector.onEvent(e));
        }
      }
      breaches.addAll(detector.flush());
    }
    breaches.sort(Comparator.comparingLong(Breach::ts).thenComparing(Breach::id));
    return breaches;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
