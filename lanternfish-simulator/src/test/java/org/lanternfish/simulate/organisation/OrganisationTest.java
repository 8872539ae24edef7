package org.lanternfish.simulate.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class OrganisationTest {

  @Test
  void build_givesEveryRoleAndUniqueNamesAndAddresses() {
    Organisation org = Organisation.build(3, 250, 7);

    assertThat(org.devices()).hasSize(250);
    for (Role role : Role.values()) {
      assertThat(org.devices(role)).as(role.name()).isNotEmpty();
    }
    assertThat(org.devices(Role.DOMAIN_CONTROLLER)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(org.sites()).hasSize(3);
    Set<String> names = new HashSet<>();
    Set<String> ips = new HashSet<>();
    for (Device device : org.devices()) {
      assertThat(names.add(device.name())).as(device.name()).isTrue();
      assertThat(ips.add(device.ip())).as(device.ip()).isTrue();
      assertThat(Organisation.isLocal(device.ip())).isTrue();
      assertThat(device.user() != null).isEqualTo(device.role().client());
    }
    // A new employee's machine joins part-way through the run.
    assertThat(org.devices()).anyMatch(d -> d.firstDay() > 0);
  }

  @Test
  void build_atBenchmarkScale_keepsNamesAndAddressesUnique() {
    Organisation org = Organisation.build(6, 100_000, 1);

    assertThat(org.sites()).hasSize(8);
    assertThat(org.devices().stream().map(Device::ip).distinct().count()).isEqualTo(100_000);
    assertThat(org.devices().stream().map(Device::name).distinct().count()).isEqualTo(100_000);
  }

  @Test
  void build_isDeterministicPerSeed() {
    List<String> first = Organisation.build(3, 60, 2).devices().stream().map(Device::toString).toList();
    List<String> again = Organisation.build(3, 60, 2).devices().stream().map(Device::toString).toList();
    List<String> other = Organisation.build(4, 60, 2).devices().stream().map(Device::toString).toList();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void build_refusesAnOrganisationTooSmallForEveryRole() {
    assertThatThrownBy(() -> Organisation.build(1, Organisation.MIN_DEVICES - 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least");
  }

  @Test
  void leaseAddress_neverRepeatsAnAddressInUse() {
    Organisation org = Organisation.build(5, 40, 3);
    Set<String> ips = new HashSet<>(org.devices().stream().map(Device::ip).toList());
    for (int i = 0; i < 500; i++) {
      assertThat(ips.add(org.leaseAddress(org.sites().getFirst()))).isTrue();
    }
  }

  @Test
  void addressOf_isStablePerSeedAndPublic() {
    Internet a = new Internet(1, 10);
    assertThat(a.addressOf("example.org")).isEqualTo(new Internet(1, 10).addressOf("example.org"))
        .isNotEqualTo(new Internet(2, 10).addressOf("example.org"));
    assertThat(Organisation.isLocal(a.addressOf("example.org"))).isFalse();
  }
}
