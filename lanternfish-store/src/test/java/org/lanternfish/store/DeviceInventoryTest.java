package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lanternfish.store.SampleEvents.DAY_ONE;
import static org.lanternfish.store.SampleEvents.HOUR;
import static org.lanternfish.store.SampleEvents.conn;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.store.DeviceInventory.Lease;
import org.lanternfish.store.DeviceInventory.SeenDevice;

final class DeviceInventoryTest {
  @TempDir Path directory;

  @Test
  void devices_listsTheSitesAddresses_withTheirLatestLeaseAndLogons_butNotTheInternet() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(List.<Event>of(
          dhcp(DAY_ONE, "10.0.0.5", "00:50:56:aa:00:05", "ws-old"),
          dhcp(DAY_ONE + 5 * HOUR, "10.0.0.5", "00:50:56:aa:00:05", "ws-05"),
          conn(DAY_ONE + HOUR, "C0", "10.0.0.5", 50000, "10.0.0.20", 445, "smb", 10),
          conn(DAY_ONE + 2 * HOUR, "C1", "10.0.0.5", 50001, "93.184.216.34", 443, "ssl", 10),
          conn(DAY_ONE + 3 * HOUR, "C2", "10.0.0.9", 50002, "10.0.0.5", 3389, "rdp", 10),
          new KerberosEvent(DAY_ONE + HOUR, "K0", new FlowId("10.0.0.5", 50003, "10.0.0.20", 88), "TGS",
              "alice/CORP", "cifs/fs", true, null, "aes256")));

      assertThat(store.devices(100)).containsExactly(
          new SeenDevice("10.0.0.20", DAY_ONE + HOUR, DAY_ONE + HOUR, 1, null, null, 0),
          new SeenDevice("10.0.0.5", DAY_ONE + HOUR, DAY_ONE + 3 * HOUR, 3, "ws-05", "00:50:56:aa:00:05", 1),
          new SeenDevice("10.0.0.9", DAY_ONE + 3 * HOUR, DAY_ONE + 3 * HOUR, 1, null, null, 0));
      assertThat(store.devices(1)).hasSize(1);
    }
  }

  @Test
  void leases_findADeviceByAddressNameOrCard_oneRowPerBinding_latestFirst() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.append(List.<Event>of(
          dhcp(DAY_ONE, "10.0.0.5", "00:50:56:aa:00:05", "ws-05"),
          dhcp(DAY_ONE + HOUR, "10.0.0.5", "00:50:56:aa:00:05", "ws-05"),
          dhcp(DAY_ONE + 2 * HOUR, "10.0.0.7", "00:50:56:aa:00:05", "ws-05"),
          dhcp(DAY_ONE + 3 * HOUR, "10.0.0.5", "00:50:56:bb:00:01", "printer")));

      Lease first = new Lease("ws-05", "10.0.0.5", "00:50:56:aa:00:05", DAY_ONE, DAY_ONE + HOUR);
      Lease moved = new Lease("ws-05", "10.0.0.7", "00:50:56:aa:00:05", DAY_ONE + 2 * HOUR, DAY_ONE + 2 * HOUR);
      Lease printer = new Lease("printer", "10.0.0.5", "00:50:56:bb:00:01", DAY_ONE + 3 * HOUR, DAY_ONE + 3 * HOUR);
      assertThat(store.leases("WS-05", 10)).containsExactly(moved, first);
      assertThat(store.leases("mac:00:50:56:AA:00:05", 10)).containsExactly(moved, first);
      assertThat(store.leases("10.0.0.5", 10)).containsExactly(printer, first);
      assertThat(store.leases("nobody", 10)).isEmpty();
    }
  }

  private static DhcpEvent dhcp(long ts, String address, String mac, String name) {
    return new DhcpEvent(ts, "D" + ts, List.of(), address, "10.0.0.1", mac, name, null, "corp.example", address,
        86400, List.of("REQUEST", "ACK"));
  }
}
