package org.lanternfish.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.LogType;

/** Reports of parallel readers merge, keep a bounded number of locations, and serialise to JSON. */
final class IngestReportTest {

  @Test
  void merge_addsCounts_andKeepsAtMostTwentyLocationsPerClass() {
    IngestReport a = new IngestReport();
    IngestReport b = new IngestReport();
    for (int i = 1; i <= 15; i++) {
      a.malformed(Malformation.BAD_NUMBER, "a.log", i, "bad");
      b.malformed(Malformation.BAD_NUMBER, "b.log", i, "bad");
    }
    a.record(LogType.CONN);
    b.record(LogType.CONN);
    b.record(LogType.DNS);
    b.skipped("tunnel");
    b.rejected("x.bin", "binary content, not a text log");
    a.merge(b);
    assertThat(a.malformed(Malformation.BAD_NUMBER)).isEqualTo(30);
    assertThat(a.samples(Malformation.BAD_NUMBER)).hasSize(IngestReport.SAMPLES_PER_CLASS)
        .startsWith("a.log:1: bad").contains("b.log:5: bad").doesNotContain("b.log:6: bad");
    assertThat(a.records(LogType.CONN)).isEqualTo(2);
    assertThat(a.totalRecords()).isEqualTo(3);
    assertThat(a.skippedTypes()).containsEntry("tunnel", 1L);
    assertThat(a.rejectedFiles()).containsExactly("x.bin: binary content, not a text log");
  }

  @Test
  void toJson_isValidJsonWithTheCounts() throws IOException {
    IngestReport report = new IngestReport();
    report.fileRead();
    report.record(LogType.SMB_FILES);
    report.malformed(Malformation.BAD_ESCAPE, "c:\\logs\\conn.log", 3, "bad escape '\\q'");
    Map<String, Long> numbers = new HashMap<>();
    try (JsonParser json = new JsonFactory().createParser(report.toJson())) {
      for (JsonToken t = json.nextToken(); t != null; t = json.nextToken()) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
          numbers.put(json.currentName(), json.getLongValue());
        }
      }
    }
    assertThat(numbers).containsEntry("files", 1L).containsEntry("records", 1L).containsEntry("smb_files", 1L)
        .containsEntry("malformed", 1L).containsEntry("count", 1L);
    assertThat(report.toJson()).contains("\"BAD_ESCAPE\"");
  }
}
