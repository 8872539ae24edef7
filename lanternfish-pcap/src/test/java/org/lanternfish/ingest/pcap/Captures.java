package org.lanternfish.ingest.pcap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lanternfish.event.Event;

/** Test fixtures: where the captures are, whether tshark is installed, and imported captures. */
final class Captures {

  static final Path MORDOR = Path.of(System.getProperty("lanternfish.repo", "."))
      .resolve("../shared/data/mordor-atomic-dev/network").normalize();
  static final String SMB_COPY = "covenant_copy_smb_CreateRequest_2020-09-22145302.cap";
  static final String SHARPSC_CREATE = "covenant_sharpsc_create_dcerpc_smb_svcctl_2020-08-06022635.cap";
  static final String SHARPWMI = "covenant_sharpwmi_create_dcerpc_wmi_2020-08-06035621.cap";

  private static final Map<Path, Imported> IMPORTED = new ConcurrentHashMap<>();

  private Captures() {}

  /** Skips the test when tshark is not on the PATH. */
  static void assumeTshark() {
    assumeTrue(tsharkInstalled(), "tshark is not installed: install the Debian package 'tshark' to run the "
        + "capture tests (CI's .ci/run installs it)");
  }

  /** True when an executable named tshark is on the PATH. */
  static boolean tsharkInstalled() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tshark"))) {
        return true;
      }
    }
    return false;
  }

  /** A capture from ../shared/data/mordor-atomic-dev/network, skipping the test when the data is absent. */
  static Path mordor(String relative) {
    Path capture = MORDOR.resolve(relative);
    assumeTrue(Files.isRegularFile(capture),
        "shared sample data absent (" + capture + "); these tests run where ../shared/data is present, as in CI");
    return capture;
  }

  /** A capture copied into this module's test resources. */
  static Path resource(String name) {
    URL url = Captures.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Imports a capture with the real tshark, once per test run: several test classes check the same
   * captures, and each tshark start costs about a second of CPU.
   */
  static Imported read(Path capture) {
    assumeTshark();
    return IMPORTED.computeIfAbsent(capture.toAbsolutePath().normalize(), path -> {
      List<Event> events = new ArrayList<>();
      PcapReport report = new PcapImporter().read(path, events::add);
      return new Imported(List.copyOf(events), report);
    });
  }

  /** The events and report of one import. */
  record Imported(List<Event> events, PcapReport report) {

    /** The events of one record type, in the order they were produced. */
    <T extends Event> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
