package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code implant} takes a packet capture as it takes a folder of Zeek logs: dissected with tshark into Zeek JSON logs,
 * scored on first sight and implanted into a simulated organisation (a Covenant SharpSC service creation over svcctl,
 * from ../shared/data).
 */
final class ImplantCaptureTest {

  @TempDir Path temp;

  @Test
  void aPacketCapture_isDissected_scoredOnFirstSight_andImplanted() throws Exception {
    Path capture = Path.of(System.getProperty("lanternfish.repo", ".")).resolve("../shared/data/mordor-atomic-dev/"
        + "network/lateral_movement/covenant_sharpsc_create_dcerpc_smb_svcctl/"
        + "covenant_sharpsc_create_dcerpc_smb_svcctl_2020-08-06022635.cap").normalize();
    assumeTrue(Files.isRegularFile(capture), "the shared sample data is not here (" + capture + ")");
    assumeTrue(tsharkInstalled(), "tshark is not installed: install the Debian package 'tshark' to run this test");

    CommandRun run = CommandRun.of("implant", "--json", "--devices", "20", "--days", "9", "--day", "8",
        "--data-dir", temp.resolve("data").toString(), capture.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out()).at("/captures/0");
    assertThat(result.has("skipped")).as(result.toString()).isFalse();
    assertThat(result.at("/records/dce_rpc").asInt()).isPositive();
    assertThat(result.at("/implantedRecords").asInt()).isPositive();
    assertThat(result.at("/firstSight/topScore").asInt()).isGreaterThanOrEqualTo(60);
    assertThat(result.at("/implanted/models").toString()).contains("Service Created Remotely");
  }

  private static boolean tsharkInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) {
        return true;
      }
    }
    return false;
  }
}
