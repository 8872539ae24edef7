package org.lanternfish.simulate.implant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.simulate.organisation.Device;
import org.lanternfish.simulate.organisation.Organisation;
import org.lanternfish.simulate.organisation.Role;

/** A recording implanted into a simulated organisation keeps its roles, moves in time and keeps its records. */
final class ImplantTest {
  private static final LocalDate START = LocalDate.of(2026, 11, 2);
  private static final String CONN = String.join("\n",
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\tconn_state",
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tstring",
      // Two clients ask the domain controller for tickets; one then talks to the internet.
      "1600000000.250000\tCk1\t192.168.7.41\t50001\t192.168.7.4\t88\ttcp\tkrb_tcp\t0.01\tSF",
      "1600000001.500000\tCk2\t192.168.7.42\t50002\t192.168.7.4\t389\ttcp\tldap\t0.02\tSF",
      "1600000005.000001\tCk3\t192.168.7.41\t50003\t203.0.113.9\t443\ttcp\tssl\t1.5\tSF",
      // Four days later: after the simulated run ends, so left out.
      "1600345600.000000\tCk4\t192.168.7.41\t50004\t203.0.113.9\t443\ttcp\tssl\t1.5\tSF") + "\n";

  @Test
  void into_mapsRolesOntoDevices_shiftsTimesIntoTheDay_andWritesBesideTheHour(@TempDir Path dir) throws Exception {
    Path capture = Files.createDirectories(dir.resolve("capture"));
    Files.writeString(capture.resolve("conn.log"), CONN);
    Path simulation = Files.createDirectories(dir.resolve("sim"));
    Organisation org = Organisation.build(3, 40, 10);

    Implant implant = Implant.into(Capture.read(capture), org, simulation, START, 10, 8, 3);

    List<String> dcs = org.devices(Role.DOMAIN_CONTROLLER).stream().map(Device::ip).toList();
    List<String> desks = org.devices(Role.WORKSTATION).stream().map(Device::ip).toList();
    assertThat(implant.roles()).containsEntry("192.168.7.4", Capture.Role.DOMAIN_CONTROLLER)
        .containsEntry("192.168.7.41", Capture.Role.CLIENT).containsEntry("192.168.7.42", Capture.Role.CLIENT)
        .doesNotContainKey("203.0.113.9");
    assertThat(dcs).contains(implant.addresses().get("192.168.7.4"));
    assertThat(desks).contains(implant.addresses().get("192.168.7.41"), implant.addresses().get("192.168.7.42"));
    assertThat(implant.addresses().get("192.168.7.41")).isNotEqualTo(implant.addresses().get("192.168.7.42"));

    long tenOClock = START.plusDays(8).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 10 * 3600;
    assertThat(implant.start()).isEqualTo(tenOClock * 1_000_000L + 250_000);
    assertThat(implant.written()).isEqualTo(3);
    assertThat(implant.dropped()).isEqualTo(1);
    assertThat(implant.uids()).containsExactlyInAnyOrder("Ck1", "Ck2", "Ck3");

    Path written = simulation.resolve("2026-11-10/conn.implant0.10:00:00-11:00:00.log");
    assertThat(implant.files()).containsExactly(written);
    List<String> rows = Files.readAllLines(written).stream().filter(l -> !l.startsWith("#")).toList();
    String client = implant.addresses().get("192.168.7.41");
    assertThat(rows.get(0)).isEqualTo(tenOClock + ".250000\tCk1\t" + client
        + "\t50001\t" + implant.addresses().get("192.168.7.4") + "\t88\ttcp\tkrb_tcp\t0.01\tSF");
    assertThat(rows.get(2)).contains("\t203.0.113.9\t443\t").startsWith((tenOClock + 5) + ".000001\tCk3\t" + client);

    implant.remove();
    assertThat(written).doesNotExist();
  }

  @Test
  void into_jsonLogOfAPublicHostZeekCalledLocal_becomesAWorkstationDespiteProbesOfItsLdapPort(@TempDir Path dir)
      throws Exception {
    Path capture = Files.createDirectories(dir.resolve("capture"));
    Files.writeString(capture.resolve("conn.log"), String.join("\n",
        "{\"ts\":1664462456.755299,\"uid\":\"Cj1\",\"id.orig_h\":\"147.32.81.167\",\"id.orig_p\":40042,"
            + "\"id.resp_h\":\"8.8.8.8\",\"id.resp_p\":53,\"conn_state\":\"SF\",\"local_orig\":true,"
            + "\"local_resp\":false}",
        "{\"ts\":1664462460.5,\"uid\":\"Cj2\",\"id.orig_h\":\"45.33.32.156\",\"id.orig_p\":4444,"
            + "\"id.resp_h\":\"147.32.81.167\",\"id.resp_p\":389,\"conn_state\":\"SF\",\"local_orig\":false,"
            + "\"local_resp\":true}") + "\n");
    Organisation org = Organisation.build(3, 40, 10);

    Implant implant = Implant.into(Capture.read(capture), org, dir.resolve("sim"), START, 10, 8, 3);

    assertThat(implant.roles()).containsExactly(java.util.Map.entry("147.32.81.167", Capture.Role.CLIENT));
    String desk = implant.addresses().get("147.32.81.167");
    assertThat(org.devices(Role.WORKSTATION).stream().map(Device::ip)).contains(desk);
    long tenOClock = START.plusDays(8).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 10 * 3600;
    List<String> lines = Files.readAllLines(implant.files().getFirst());
    assertThat(lines.getFirst()).contains("\"ts\":" + tenOClock + ".755299", "\"id.orig_h\":\"" + desk + "\"",
        "\"id.resp_h\":\"8.8.8.8\"");
    assertThat(lines.get(1)).contains("\"ts\":" + (tenOClock + 4) + ".5", "\"id.orig_h\":\"45.33.32.156\"");
  }
}
