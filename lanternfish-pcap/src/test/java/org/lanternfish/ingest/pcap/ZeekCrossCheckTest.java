package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.NetworkEvent;
import org.lanternfish.event.SmbMappingEvent;

/**
 * The LSASS campaign 01 capture next to the Zeek logs its authors produced: where Zeek filled a
 * field, the import gives the same value. (Zeek saw the capture one-directionally, so it left
 * request-side fields unset; those are not compared.)
 */
final class ZeekCrossCheckTest {

  private static final Path CAMPAIGN = Path.of(System.getProperty("lanternfish.repo", "."))
      .resolve("../shared/data/mordor-lsass-campaigns/campaign_01").normalize();

  @Test
  void kerberos_agreesWithZeekOnClientServiceOutcomeAndCipher() throws IOException {
    Captures.Imported imported = importCampaign();
    List<Map<String, String>> zeek = zeekLog("kerberos");
    assertThat(zeek).hasSize(10);

    for (Map<String, String> row : zeek) {
      KerberosEvent mine = single(imported.of(KerberosEvent.class), row);
      assertThat(mine.service()).isEqualTo(row.get("service"));
      assertThat(mine.success()).isEqualTo(row.get("success").equals("T"));
      assertSameWhereSet(row.get("error_msg"), mine.errorMsg());
      assertSameWhereSet(row.get("client"), mine.client());
      assertSameWhereSet(row.get("cipher"), mine.cipher());
    }
  }

  @Test
  void httpAndSmbMapping_agreeWithZeek() throws IOException {
    Captures.Imported imported = importCampaign();

    List<Map<String, String>> http = zeekLog("http");
    assertThat(http).hasSize(3);
    for (Map<String, String> row : http) {
      HttpEvent mine = single(imported.of(HttpEvent.class), row);
      assertThat(mine.statusCode()).isEqualTo(Long.parseLong(row.get("status_code")));
      assertThat(mine.statusMsg()).isEqualTo(row.get("status_msg"));
      assertThat(mine.responseBodyLen()).isEqualTo(Long.parseLong(row.get("response_body_len")));
      assertThat(mine.requestBodyLen()).isEqualTo(Long.parseLong(row.get("request_body_len")));
    }
    for (Map<String, String> row : zeekLog("smb_mapping")) {
      assertThat(single(imported.of(SmbMappingEvent.class), row).shareType()).isEqualTo(row.get("share_type"));
    }
  }

  private static Captures.Imported importCampaign() throws IOException {
    Path pcap = CAMPAIGN.resolve("pcap/metasploit_logonpasswords_lsass_memory_dump.pcapng");
    assumeTrue(Files.isRegularFile(pcap), "shared sample data absent (" + pcap + ")");
    return Captures.read(pcap);
  }

  /** The one record of ours on the Zeek row's 5-tuple. */
  private static <T extends NetworkEvent> T single(List<T> events, Map<String, String> row) {
    FlowId id = new FlowId(row.get("id.orig_h"), Integer.parseInt(row.get("id.orig_p")), row.get("id.resp_h"),
        Integer.parseInt(row.get("id.resp_p")));
    List<T> matching = events.stream().filter(e -> e.id().equals(id)).toList();
    assertThat(matching).as("records on %s", id).hasSize(1);
    return matching.get(0);
  }

  private static void assertSameWhereSet(String zeekValue, String mine) {
    if (!zeekValue.equals("-")) {
      assertThat(mine).isEqualTo(zeekValue);
    }
  }

  private static List<Map<String, String>> zeekLog(String name) throws IOException {
    String[] fields = null;
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(CAMPAIGN.resolve("zeek/" + name + ".log"))) {
      if (line.startsWith("#fields\t")) {
        fields = line.substring("#fields\t".length()).split("\t");
      } else if (!line.startsWith("#") && fields != null) {
        String[] values = line.split("\t", -1);
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < fields.length && i < values.length; i++) {
          row.put(fields[i], values[i]);
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
