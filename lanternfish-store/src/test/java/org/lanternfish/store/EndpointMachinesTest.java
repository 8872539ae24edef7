package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.store.EndpointMachines.Cve;
import org.lanternfish.store.EndpointMachines.EndpointMachine;

final class EndpointMachinesTest {

  @TempDir Path directory;

  private static EndpointMachine machine(String id, String name, String address, List<Cve> cves) {
    return new EndpointMachine(id, name, "Windows11", "23H2", "22631", "active", "medium", "high", address, 0, cves);
  }

  @Test
  void endpointMachines_matchByAddressOrHostName_withCvesMostSevereFirst_andAReplaceDropsTheOldOnes() {
    Cve low = new Cve("CVE-2021-0001", "low", "microsoft windows 10.0", null);
    Cve critical = new Cve("CVE-2024-3400", "critical", "openssh 9.6", "KB5034441");
    try (DuckDbEventStore store = DuckDbEventStore.open(directory)) {
      store.replaceEndpointMachines(List.of(machine("m1", "PC-1.contoso.com", "10.0.1.5", List.of(low, critical)),
          machine("m2", "fs20.contoso.com", "10.0.2.20", List.of()), machine("m3", null, null, List.of())), 42);

      assertThat(store.endpointMachines(List.of("10.0.1.5"), List.of())).singleElement().satisfies(m -> {
        assertThat(m.id()).isEqualTo("m1");
        assertThat(m.osPlatform()).isEqualTo("Windows11");
        assertThat(m.exposure()).isEqualTo("high");
        assertThat(m.refreshedMicros()).isEqualTo(42);
        assertThat(m.cves()).containsExactly(critical, low);
      });
      assertThat(store.endpointMachines(List.of(), List.of("pc-1"))).extracting(EndpointMachine::id)
          .as("a short name finds the qualified one, case aside").containsExactly("m1");
      assertThat(store.endpointMachines(List.of("10.9.9.9"), List.of("FS20.contoso.com")))
          .extracting(EndpointMachine::id).containsExactly("m2");
      assertThat(store.endpointMachines(List.of("10.9.9.9"), List.of("pc-9"))).isEmpty();
      assertThat(store.endpointMachines(List.of(), List.of())).isEmpty();
      assertThat(store.vulnerableEndpointMachines()).as("only machines with a CVE").singleElement()
          .satisfies(m -> assertThat(m.cves()).containsExactly(critical, low));

      store.replaceEndpointMachines(List.of(machine("m2", "fs20.contoso.com", "10.0.2.20", List.of())), 43);
      assertThat(store.endpointMachines(List.of("10.0.1.5"), List.of("pc-1"))).isEmpty();
      assertThat(store.endpointMachines(List.of("10.0.2.20"), List.of())).singleElement()
          .satisfies(m -> assertThat(m.refreshedMicros()).isEqualTo(43));
    }
  }
}
