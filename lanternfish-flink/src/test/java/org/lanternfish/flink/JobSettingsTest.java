package org.lanternfish.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.breach.Breach;
import org.lanternfish.detect.DetectConfig;
import org.lanternfish.device.Subnet;
import org.lanternfish.model.Catalogue;
import org.lanternfish.model.Model;
import org.lanternfish.site.SiteSnapshot;

/**
 * The job's detection settings come from the site's data directory, read where the job is submitted and parsed on
 * the task managers by the embedded runner's parsers: a site's model files and {@code config.toml} change what the
 * job finds exactly as they change what the embedded runner finds ({@code DetectionJobTest} runs the job itself).
 */
final class JobSettingsTest {
  private static final long EPOCH_MICROS = 3_600_000_000L;

  @TempDir
  Path dir;

  @Test
  void detectConfig_ofASiteDataDirectory_findsWhatTheEmbeddedRunnerFindsOnThatSite() throws Exception {
    SimulatedWeek week = SimulatedWeek.make(dir.resolve("logs"), settings(SiteSnapshot.defaults()));
    QuietSite site = QuietSite.write(dir.resolve("data"), week.breaches);
    List<Breach> byEmbedded = week.detectedWith(site.embeddedConfig(EPOCH_MICROS), site.embeddedAnalyst()).breaches;

    JobSettings submitted = settings(SiteSnapshot.take(site.dataDir()));
    try (Stream<Path> files = Files.walk(site.dataDir())) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    JobSettings onTaskManager = shipAsFlinkDoes(submitted);
    DetectConfig config = onTaskManager.detectConfig();
    List<Breach> byJob = week.detectedWith(config, onTaskManager.analystConfig()).breaches;

    assertThat(week.breaches).anyMatch(b -> b.model().equals(site.silenced()));
    assertThat(byJob).isNotEmpty().noneMatch(b -> b.model().equals(site.silenced()))
        .containsExactlyElementsOf(byEmbedded);
    assertThat(config.devices().vpn()).containsExactly(Subnet.parse(QuietSite.VPN_POOL));
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
}
