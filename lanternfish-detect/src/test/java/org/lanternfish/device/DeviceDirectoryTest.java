package org.lanternfish.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.lanternfish.event.DhcpEvent;
import org.lanternfish.event.FlowId;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.NtlmEvent;
import org.junit.jupiter.api.Test;

final class DeviceDirectoryTest {

  private static final long HOUR = 3_600_000_000L;

  @Test
  void subnet_matchesIpv4AndIpv6() {
    assertThat(Subnet.parse("10.8.0.0/16").contains("10.8.255.1")).isTrue();
    assertThat(Subnet.parse("10.8.0.0/16").contains("10.9.0.1")).isFalse();
    assertThat(Subnet.parse("fe80::/10").contains("fe80::1c2:3ff:fe4a:5")).isTrue();
    assertThat(Subnet.parse("fe80::/10").contains("2001:db8::1")).isFalse();
    assertThat(Subnet.parse("192.168.1.7").contains("192.168.1.7")).isTrue();
    assertThat(Subnet.parse("10.0.0.0/8").contains("not-an-ip")).isFalse();
    assertThat(Subnet.parse("10.0.0.0/8").contains("10.0.0.256")).isFalse();
    assertThatThrownBy(() -> Subnet.parse("10.0.0.0/40")).hasMessageContaining("bad prefix length");
    assertThatThrownBy(() -> Subnet.parse("ten/8")).hasMessageContaining("not an IP network");
  }

  @Test
  void dhcpLease_namesTheDeviceByMacAcrossAddresses() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    directory.observe(new DhcpEvent(0, "D1", List.of(), "10.0.1.5", "10.0.0.1", "AA:BB:CC:00:11:22", "laptop-7",
        null, "corp.local", "10.0.1.5", 3600.0, List.of("ACK")));
    assertThat(directory.resolve("10.0.1.5", HOUR)).isEqualTo("mac:aa:bb:cc:00:11:22");
    directory.observe(new DhcpEvent(5 * HOUR, "D2", List.of(), "10.0.1.9", "10.0.0.1", "aa:bb:cc:00:11:22",
        "laptop-7", null, "corp.local", "10.0.1.9", 3600.0, List.of("ACK")));
    assertThat(directory.resolve("10.0.1.9", 5 * HOUR)).isEqualTo("mac:aa:bb:cc:00:11:22");
    assertThat(directory.resolve("10.0.1.5", 5 * HOUR)).as("lease expired: the address is itself").isEqualTo(
        "10.0.1.5");
    assertThat(directory.name("mac:aa:bb:cc:00:11:22")).isEqualTo("LAPTOP-7");
    assertThat(directory.resolve("8.8.8.8", HOUR)).isNull();
  }

  @Test
  void identify_followsTheAddressFromLeaseToLease_whateverStringInstanceAsks() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    String address = "10.0.1.5";
    assertThat(directory.identify(address, HOUR).device()).as("no lease: the address is the device").isEqualTo(
        address);
    assertThat(directory.identify(new String(address), HOUR).device()).isEqualTo(address);
    directory.observe(new DhcpEvent(2 * HOUR, "D1", List.of(), address, "10.0.0.1", "aa:bb:cc:00:00:01", "ws-1",
        null, null, address, 3600.0, List.of("ACK")));
    assertThat(directory.identify(address, 2 * HOUR).device()).isEqualTo("mac:aa:bb:cc:00:00:01");
    assertThat(directory.identify(address, 2 * HOUR).name()).isEqualTo("WS-1");
    directory.observe(new DhcpEvent(3 * HOUR, "D2", List.of(), address, "10.0.0.1", "aa:bb:cc:00:00:02", "ws-2",
        null, null, address, 3600.0, List.of("ACK")));
    assertThat(directory.identify(new String(address), 3 * HOUR).device()).isEqualTo("mac:aa:bb:cc:00:00:02");
    assertThat(directory.identify(address, 3 * HOUR).device()).isEqualTo("mac:aa:bb:cc:00:00:02");
    assertThat(directory.identify(address, 6 * HOUR).device()).as("lease over").isEqualTo(address);
    String external = "203.0.113.7";
    assertThat(directory.identify(external, HOUR)).isNull();
    assertThat(directory.identify(external, HOUR)).as("remembered as external").isNull();
  }

  @Test
  void ntlm_namesTheServerFromItsChallenge_butNeverAnExternalOrVpnAddress() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults().withVpn("10.200.0.0/16"));
    directory.observe(new NtlmEvent(HOUR, "C1", new FlowId("10.0.0.50", 1, "10.0.0.10", 445), "jdoe", "WS50",
        "CORP", "DC01", "dc01.corp.example.com", true));
    assertThat(directory.name("10.0.0.10")).isEqualTo("DC01");
    assertThat(directory.name("10.0.0.50")).isEqualTo("WS50");
    directory.observe(new NtlmEvent(HOUR, "C2", new FlowId("10.0.0.50", 2, "203.0.113.9", 445), "jdoe", "WS50",
        "CORP", "EVIL", null, true));
    assertThat(directory.deviceNamed("EVIL")).isNull();
    directory.observe(new NtlmEvent(HOUR, "C3", new FlowId("10.0.0.50", 3, "10.200.1.7", 445), "jdoe", "WS50",
        "CORP", "LAPTOP-9", null, true));
    assertThat(directory.name("10.200.1.7")).as("pool addresses are named by their clients only").isNull();
  }

  @Test
  void deviceNamed_findsTheDeviceByItsHostNamesFirstLabel_leasedDevicesFirst() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    directory.observe(new NtlmEvent(HOUR, "C1", new FlowId("10.0.0.50", 1, "10.0.0.20", 445), "jdoe", "ws50.corp",
        "CORP", null, null, true));
    assertThat(directory.deviceNamed("WS50.corp.example.com")).isEqualTo("10.0.0.50");
    assertThat(directory.deviceNamed("ws50")).isEqualTo("10.0.0.50");
    // Once WS50 takes a DHCP lease, its name means the leased device, wherever the old address went.
    directory.observe(new DhcpEvent(2 * HOUR, "D1", List.of(), "10.0.1.50", "10.0.0.1", "aa:bb:cc:00:00:50", "ws50",
        null, "corp.local", "10.0.1.50", 3600.0, List.of("ACK")));
    assertThat(directory.deviceNamed("ws50.corp.local")).isEqualTo("mac:aa:bb:cc:00:00:50");
    assertThat(directory.deviceNamed("ws51.corp.local")).isNull();
    assertThat(directory.deviceNamed(null)).isNull();
    assertThat(directory.deviceNamed(" ")).isNull();
  }

  @Test
  void vpnAddress_isNamedAfterTheHostItsClientAnnounced() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults().withVpn("10.8.0.0/16"));
    FlowId flow = new FlowId("10.8.0.77", 50000, "10.0.0.20", 445);
    directory.observe(new NtlmEvent(HOUR, "C1", flow, "jdoe", "DESKTOP-O82ILGG", "CORP", null, null, true));
    assertThat(directory.resolve("10.8.0.77", HOUR + 1)).isEqualTo("DESKTOP-O82ILGG");
    directory.observe(new NtlmEvent(40 * HOUR, "C2", flow, "asmith", "LAPTOP-22", "CORP", null, null, true));
    assertThat(directory.resolve("10.8.0.77", 40 * HOUR)).isEqualTo("LAPTOP-22");
  }

  @Test
  void staticAddress_keepsItsAddressAsIdAndLearnsItsName() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    directory.observe(new NtlmEvent(HOUR, "C1", new FlowId("10.0.0.50", 1, "10.0.0.20", 445), "jdoe", "ws50.corp",
        "CORP", null, null, true));
    assertThat(directory.resolve("10.0.0.50", HOUR)).isEqualTo("10.0.0.50");
    assertThat(directory.name("10.0.0.50")).isEqualTo("WS50");
  }
  @Test
  void vpnPool_isLearnedFromLeasedHostsAnnouncingThemselvesWithoutALease() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    for (int i = 1; i <= 3; i++) {
      directory.observe(new DhcpEvent(0, "D" + i, List.of(), "10.0.1." + i, "10.0.0.1", "aa:00:00:00:00:0" + i,
          "lt-" + i, null, "corp.local", "10.0.1." + i, 86_400.0, List.of("ACK")));
    }
    FlowId office = new FlowId("10.0.1.1", 50000, "10.0.0.20", 445);
    directory.observe(new NtlmEvent(HOUR, "C0", office, "u1", "LT-1", "CORP", null, null, true));
    assertThat(directory.isVpn("10.0.1.1")).as("a host on its own lease is not roaming").isFalse();
    for (int i = 1; i <= 2; i++) {
      FlowId remote = new FlowId("10.249.0." + i, 50000, "10.0.0.20", 445);
      directory.observe(new NtlmEvent(2 * HOUR, "C" + i, remote, "u" + i, "LT-" + i, "CORP", null, null, true));
    }
    assertThat(directory.isVpn("10.249.7.7")).as("two roaming hosts are not yet a pool").isFalse();
    FlowId third = new FlowId("10.249.0.3", 50000, "10.0.0.20", 445);
    directory.observe(new NtlmEvent(3 * HOUR, "C3", third, "u3", "LT-3", "CORP", null, null, true));
    assertThat(directory.isVpn("10.249.7.7")).isTrue();
    assertThat(directory.isVpn("10.0.1.9")).isFalse();
    assertThat(directory.resolve("10.249.0.3", 3 * HOUR)).as("a leased host keeps its id over the VPN")
        .isEqualTo("mac:aa:00:00:00:00:03");
    FlowId stranger = new FlowId("10.249.200.9", 50000, "10.0.0.20", 445);
    directory.observe(new NtlmEvent(4 * HOUR, "C4", stranger, "svc", "DESKTOP-O82ILGG", "CORP", null, null, true));
    assertThat(directory.resolve("10.249.200.9", 4 * HOUR)).isEqualTo("DESKTOP-O82ILGG");
  }

  @Test
  void vpnPool_isLearnedFromUsersArrivingSecondsAfterAnotherDeviceLoggedThemOn() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    FlowId concentrator = new FlowId("10.0.0.5", 50000, "10.0.0.10", 88);
    for (int i = 1; i <= 3; i++) {
      long ts = i * HOUR;
      directory.observe(new KerberosEvent(ts, "K" + i, concentrator, "AS", "u" + i + "/CORP.LOCAL",
          "krbtgt/CORP.LOCAL", true, null, "aes256-cts-hmac-sha1-96"));
      assertThat(directory.isVpn("10.249.7.7")).as("%d arrivals are not yet a pool", i - 1).isFalse();
      FlowId remote = new FlowId("10.249.0." + i, 50000, "10.0.0.20", 445);
      directory.observe(new NtlmEvent(ts + 20_000_000L, "C" + i, remote, "u" + i, null, "CORP", null, null, true));
    }
    assertThat(directory.isVpn("10.249.7.7")).isTrue();
    assertThat(directory.isVpn("10.0.0.5")).isFalse();
  }

  @Test
  void usersLoggingOnAgainLaterOrFromLeasedAddresses_teachNoPool() {
    DeviceDirectory directory = new DeviceDirectory(DeviceConfig.defaults());
    for (int i = 1; i <= 3; i++) {
      directory.observe(new DhcpEvent(0, "D" + i, List.of(), "10.0.1." + i, "10.0.0.1", "aa:00:00:00:00:0" + i,
          "ws-" + i, null, "corp.local", "10.0.1." + i, 86_400.0, List.of("ACK")));
    }
    FlowId server = new FlowId("10.0.0.5", 50000, "10.0.0.10", 88);
    for (int i = 1; i <= 3; i++) {
      long ts = i * HOUR;
      directory.observe(new KerberosEvent(ts, "K" + i, server, "AS", "u" + i + "/CORP.LOCAL", "krbtgt/CORP.LOCAL",
          true, null, "aes256-cts-hmac-sha1-96"));
      FlowId later = new FlowId("10.249.0." + i, 50000, "10.0.0.20", 445);
      directory.observe(new NtlmEvent(ts + 600_000_000L, "C" + i, later, "u" + i, null, "CORP", null, null, true));
      FlowId leased = new FlowId("10.0.1." + i, 50000, "10.0.0.20", 445);
      directory.observe(new NtlmEvent(ts + 10_000_000L, "L" + i, leased, "u" + i, null, "CORP", null, null, true));
    }
    assertThat(directory.isVpn("10.249.7.7")).isFalse();
    assertThat(directory.isVpn("10.0.1.7")).isFalse();
  }
}
