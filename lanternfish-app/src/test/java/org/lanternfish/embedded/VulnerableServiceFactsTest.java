package org.lanternfish.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.intel.VulnerableServices;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.store.EndpointMachines.Cve;
import org.lanternfish.store.EndpointMachines.EndpointMachine;

final class VulnerableServiceFactsTest {

  @TempDir Path directory;

  @Test
  void of_mapsEachStoredCveInServingSoftwareToItsPorts_andLeavesOutSoftwareThatServesNone() {
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.replaceEndpointMachines(List.of(
          new EndpointMachine("m-fs20", "FS20.corp.local", "Windows10", null, null, "active", "high", "high",
              "10.1.0.20", 0, List.of(new Cve("CVE-2024-6387", "high", "openbsd openssh 9.6", null),
                  new Cve("CVE-2019-1348", "medium", "git git 2.23", null))),
          new EndpointMachine("m-ws7", "ws7.corp.local", "Windows10", null, null, "active", "low", "low",
              "10.1.0.7", 0, List.of(new Cve("CVE-2022-0001", "low", null, null)))), 1);
      VulnerableServices services = VulnerableServiceFacts.of(store);
      assertThat(services.at("10.1.0.20", null, 22)).map(VulnerableServices.Exposure::cve).contains("CVE-2024-6387");
      assertThat(services.at("10.9.9.9", "fs20", 22)).as("by host name too").isPresent();
      assertThat(services.at("10.1.0.20", "fs20", 9418)).as("Git serves nothing here").isEmpty();
      assertThat(services.at("10.1.0.7", "ws7", 22)).as("a CVE without a product names no service").isEmpty();
    }
    assertThat(VulnerableServiceFacts.ports("Microsoft Exchange_Server 2019")).containsExactly(25, 443);
    assertThat(VulnerableServiceFacts.ports("microsoft edge_chromium 120")).isEmpty();
  }
}
