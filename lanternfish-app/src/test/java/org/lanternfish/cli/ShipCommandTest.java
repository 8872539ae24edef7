package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.embedded.KafkaBroker;
import org.lanternfish.embedded.LiveLogs;
import org.lanternfish.event.Event;
import org.lanternfish.event.LogType;
import org.lanternfish.ingest.IngestReport;
import org.lanternfish.ingest.LogParser;
import org.lanternfish.ingest.LogReader;

/**
 * {@code lanternfish ship} against a real Kafka broker: a shipper killed with {@code kill -9} while Zeek logs grow
 * and rotate, then restarted, leaves every record in the topic exactly once (read committed), each the event a
 * batch read of the final files gives.
 */
final class ShipCommandTest {
  @TempDir Path temp;

  @Test
  void killNineWhileLogsGrow_thenRestart_topicHoldsEveryRecordOnce() throws Exception {
    Path archive = temp.resolve("archive");
    assertThat(LanternfishCommand.newCommandLine().execute("simulate", "--seed", "11", "--days", "2", "--devices",
        "15", "--scenarios", "S3@1", "--out", archive.toString())).isZero();
    LiveLogs logs = LiveLogs.of(archive);
    Path live = Files.createDirectories(temp.resolve("current"));
    Path output = temp.resolve("ship.out");
    long seed = System.nanoTime();
    System.out.println("ShipCommandTest kill moments seed: " + seed);
    Random random = new Random(seed);
    try (KafkaBroker broker = new KafkaBroker()) {
      CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> logs.play(live, 1_000));
      int shippedBefore = 0;
      for (int kill = 0; kill < 3; kill++) {
        Process shipper = ship(live, broker, output, -1);
        shippedBefore = awaitMore(broker, shippedBefore);
        Thread.sleep(random.nextInt(1_500));
        shipper.destroyForcibly();
        assertThat(shipper.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(writer.isDone()).as("the kills landed while the logs were being written").isFalse();
      Process last = ship(live, broker, output, 3);
      assertThat(writer.get(180, TimeUnit.SECONDS)).isEqualTo(logs.lines());
      assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the last shipper exits when the logs fall silent").isTrue();
      assertThat(last.exitValue()).as(Files.readString(output)).isZero();

      List<Event> shipped = new ArrayList<>();
      IngestReport shippedReport = new IngestReport();
      LogParser parser = new LogParser("zeek", shipped::add, shippedReport);
      List<ConsumerRecord<String, String>> records = broker.readCommitted("zeek");
      for (ConsumerRecord<String, String> record : records) {
        byte[] line = record.value().getBytes(StandardCharsets.UTF_8);
        parser.acceptLine(line, 0, line.length, record.offset());
      }
      List<Event> expected = new ArrayList<>();
      LogReader.read(live, expected::add, new IngestReport());

      assertThat(shippedReport.totalMalformed()).isZero();
      assertThat(expected).hasSize((int) logs.lines());
      assertThat(records).hasSameSizeAs(expected);
      assertThat(shipped).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(shipped.stream().map(Event::logType).distinct())
          .as("the intrusion's logs went out too").contains(LogType.CONN, LogType.DNS, LogType.SMB_FILES);
      assertThat(records.getFirst().value()).startsWith("{\"");
    }
  }

  @Test
  void badTarget_isAUsageErrorNamingIt() throws Exception {
    Path live = Files.createDirectories(temp.resolve("current"));
    assertThat(LanternfishCommand.newCommandLine().execute("ship", live.toString(), "--kafka", "no-port"))
        .isEqualTo(ExitCode.USAGE);
    assertThat(LanternfishCommand.newCommandLine().execute("ship", live.toString(), "--kafka", "h:1", "--topic",
        "not a topic")).isEqualTo(ExitCode.USAGE);
    assertThat(LanternfishCommand.newCommandLine().execute("ship", temp.resolve("missing").toString(), "--kafka",
        "h:1")).isEqualTo(ExitCode.INPUT);
  }

  /**
   * Waits until the topic holds more committed records than {@code before}, so a kill lands while the shipper
   * works; returns how many it holds.
   */
  private static int awaitMore(KafkaBroker broker, int before) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      int committed = broker.topics().contains("zeek") ? broker.readCommitted("zeek").size() : 0;
      if (committed > before) {
        return committed;
      }
      assertThat(System.nanoTime()).as("the shipper committed records within 90 s").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static Process ship(Path live, KafkaBroker broker, Path output, double exitWhenIdle) throws IOException {
    List<String> arguments = new ArrayList<>(List.of("ship", live.toString(), "--kafka", broker.bootstrapServers(),
        "--sensor", "test-sensor"));
    if (exitWhenIdle >= 0) {
      arguments.add("--exit-when-idle");
      arguments.add(Double.toString(exitWhenIdle));
    }
    return LanternfishProcess.start(output, arguments);
  }
}
