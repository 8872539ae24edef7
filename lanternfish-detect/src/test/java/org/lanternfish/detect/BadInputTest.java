package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.lanternfish.detect.embedded.EmbeddedDetector;
import org.lanternfish.event.AlertEvent;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.DnsEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FileEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.NoticeEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.RdpEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;
import org.lanternfish.event.SoftwareEvent;
import org.lanternfish.event.SslEvent;
import org.lanternfish.event.WeirdEvent;
import org.lanternfish.event.X509Event;
import org.junit.jupiter.api.Test;

/** Records with every optional field unset, odd addresses or no time never stop detection. */
final class BadInputTest {

  private static List<Event> sparse(long ts, FlowId id) {
    return List.of(
        new ConnEvent(ts, null, id, null, null, Double.NaN, -1, -1, null, null, null, -1, null, -1, -1, -1, -1, null,
            null, null, null),
        new DnsEvent(ts, null, id, null, -1, Double.NaN, null, -1, null, -1, null, null, null, null, null, null, null),
        new DnsEvent(ts, null, id, null, -1, Double.NaN, ".", 16, null, -1, null, null, null, null, List.of("x"),
            null, null),
        new HttpEvent(ts, null, id, -1, null, null, null, null, null, null, -1, -1, -1, null, null, null),
        new SslEvent(ts, null, id, null, null, null, null, null, null, null, null, null, null),
        new FileEvent(ts, null, null, null, null, null, null, null, null, -1, -1, null, null, null),
        new FileEvent(ts, "F", "C", List.of(), List.of(), "SMB", "application/x-dosexec", "\\", true, -1, -1, null,
            null, null),
        new SmbFileEvent(ts, null, id, null, "SMB::FILE_WRITE", null, "", -1, null),
        new SmbFileEvent(ts, null, id, null, "SMB::FILE_WRITE", "\\", "\\", -1, null),
        new SmbMappingEvent(ts, null, id, "", null, null, null),
        new SmbMappingEvent(ts, null, id, "\\\\", null, null, null),
        new DceRpcEvent(ts, null, id, Double.NaN, null, null, null),
        new DceRpcEvent(ts, null, id, Double.NaN, null, "drsuapi", null),
        new RdpEvent(ts, null, id, null, null, null, null, null, null),
        new KerberosEvent(ts, null, id, null, "", null, null, null, null),
        new KerberosEvent(ts, null, id, null, "$", null, false, null, null),
        new NtlmEvent(ts, null, id, "", "", null, null, null, true),
        new NtlmEvent(ts, null, id, "\\", null, null, null, null, false),
        new DhcpEvent(ts, null, null, null, null, null, null, null, null, null, Double.NaN, null),
        new DhcpEvent(ts, null, null, null, null, "aa", "", null, null, "10.0.0.9", Double.NaN, null),
        new AlertEvent(ts, null, id, null, -1, null, null, -1, -1, null, null, -1, null),
        new AlertEvent(ts, null, id, null, -1, null, null, -1, -1, "sig", null, -1, null),
        new SoftwareEvent(ts, null, -1, null, null, null, null),
        new NoticeEvent(ts, null, null, null, null, null, null, null, -1),
        new WeirdEvent(ts, null, id, null, null, null, null),
        new X509Event(ts, null, null, -1, null, null, null, -1, -1, null, null, null, -1, null, null));
  }

  @Test
  void detector_survivesSparseAndOddRecords() {
    EmbeddedDetector detector = new EmbeddedDetector(Office.config(), 1);
    List<FlowId> flows = java.util.Arrays.asList(null, new FlowId(null, -1, null, -1),
        new FlowId("10.0.1.1", -1, "10.0.1.2", -1), new FlowId("10.8.0.1", 1, "8.8.8.8", 53),
        new FlowId("not-an-ip", 1, "::ffff:10.0.0.1", 2), new FlowId("fe80::1%eth0", 1, "10.0.0.300", 445));
    for (long ts : new long[] {Event.NO_TIME, 0, Traffic.START, Traffic.START - 1, Long.MAX_VALUE / 2}) {
      for (FlowId id : flows) {
        for (Event e : sparse(ts, id)) {
          assertThatCode(() -> detector.onEvent(e)).as(e.toString()).doesNotThrowAnyException();
        }
      }
    }
    assertThatCode(detector::flush).doesNotThrowAnyException();
    assertThatCode(() -> new EmbeddedDetector(Office.config(), 1).restore(detector.snapshot())).doesNotThrowAnyException();
  }

  @Test
  void restore_ofAnotherFormatVersion_saysWhichVersions_andOfGarbage_saysCorrupt() {
    EmbeddedDetector detector = new EmbeddedDetector(Office.config(), 1);
    detector.onEvent(new DnsEvent(Traffic.START, "C1", new FlowId("10.0.1.1", 5353, "10.0.0.53", 53), "udp", 1,
        0.01, "intranet.corp", 1, "A", 0, "NOERROR", false, true, true, List.of("10.0.0.80"), List.of(60.0),
        false));
    byte[] snapshot = detector.snapshot();
    snapshot[7] ^= 0x7f; // the low byte of the big-endian version after the 4-byte magic
    assertThatThrownBy(() -> new EmbeddedDetector(Office.config(), 1).restore(snapshot))
        .isInstanceOf(SnapshotVersionException.class).hasMessageContaining("is not supported (expected");
    assertThatThrownBy(() -> new EmbeddedDetector(Office.config(), 1).restore(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(SnapshotVersionException.class);
  }
}
