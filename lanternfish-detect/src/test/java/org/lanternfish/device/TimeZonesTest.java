package org.lanternfish.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TimeZonesTest {

  @Test
  void aDeviceKeepsTheClocksOfTheFirstListedNetworkHoldingIt_elseTheSites() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    TimeZones zones = new TimeZones(berlin, List.of(
        new TimeZones.NetworkZone(Subnet.parse("10.40.1.0/24"), kolkata),
        new TimeZones.NetworkZone(Subnet.parse("10.40.0.0/16"), tokyo),
        new TimeZones.NetworkZone(Subnet.parse("fd00:40::/32"), tokyo)));
    assertThat(zones.zoneOf("10.40.9.9")).isEqualTo(tokyo);
    assertThat(zones.zoneOf("10.40.1.9")).isEqualTo(kolkata);
    assertThat(zones.zoneOf("fd00:40::5")).isEqualTo(tokyo);
    assertThat(zones.zoneOf("10.1.1.1")).isEqualTo(berlin);
    assertThat(zones.zoneOf(null)).isEqualTo(berlin);
    assertThat(zones.zoneOf("00:11:22:33:44:55")).as("not an address").isEqualTo(berlin);
    assertThat(TimeZones.utc().zoneOf("10.40.9.9")).isEqualTo(ZoneId.of("UTC"));
  }
}
