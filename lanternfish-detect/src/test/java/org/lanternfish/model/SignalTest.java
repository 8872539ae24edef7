package org.lanternfish.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

final class SignalTest {

  @Test
  void write_read_keepsEverythingAModelOrExplanationUses() throws IOException {
    Signal signal = new Signal("credential", 1_700_000_000_000_000L, "mac:00:50:56:aa:bb:cc", "10.0.0.10")
        .uid("C1").uid("F2")
        .entity("credential", "svc_sql")
        .with("network_devices", 0).with("bytes", 5_000_000_000L).with("ratio", 12.5).with("rollout", false)
        .with("label", "svc_sql")
        .evidence("rarity", "used by 0 other of 412 devices in 30 days", 0);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    signal.write(new DataOutputStream(bytes));

    Signal copy = Signal.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(copy.kind()).isEqualTo("credential");
    assertThat(copy.ts()).isEqualTo(signal.ts());
    assertThat(copy.device()).isEqualTo(signal.device());
    assertThat(copy.peer()).isEqualTo("10.0.0.10");
    assertThat(copy.attributes()).containsExactlyEntriesOf(signal.attributes());
    assertThat(copy.get("bytes")).isInstanceOf(Long.class);
    assertThat(copy.get("network_devices")).isInstanceOf(Integer.class);
    assertThat(copy.evidence()).isEqualTo(signal.evidence());
    assertThat(copy.uids()).containsExactly("C1", "F2");
    assertThat(copy.entities()).containsExactlyEntriesOf(signal.entities());
  }

  @Test
  void attributes_keepTheirFirstPosition_entitiesDoNotOverrideAnAttributeSetBefore() {
    Signal signal = new Signal("smb_write", 1, "dev", "10.0.0.2").with("share", "C$").with("size", 10)
        .entity("share", "D$").entity("file", "a.exe").with("size", 20).with(new String("share"), "E$");

    assertThat(signal.attributes().keySet()).containsExactly("device", "peer", "share", "size", "file");
    assertThat(signal.get("share")).as("found by equal name, not only the same instance").isEqualTo("E$");
    assertThat(signal.get("size")).isEqualTo(20);
    assertThat(signal.entity("share")).isEqualTo("D$");
    assertThat(signal.entity("credential")).isNull();
    assertThat(signal.get("missing")).isNull();
    for (int i = 0; i < 40; i++) {
      signal.with("extra_" + i, i);
    }
    assertThat(signal.get("extra_39")).isEqualTo(39);
    assertThat(signal.attributes()).hasSize(45);
  }
}
