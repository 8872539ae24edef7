package org.lanternfish.ingest.pcap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names of DCE-RPC interfaces and operations as Zeek's dce_rpc.log writes them, such as
 * {@code drsuapi DRSGetNCChanges}, read from {@code dce-rpc-interfaces.txt} beside this class.
 */
final class DceRpcInterfaces {

  private static final String RESOURCE = "dce-rpc-interfaces.txt";
  private static final DceRpcInterfaces STANDARD = load();

  private final Map<String, String> names;
  private final Map<String, Map<Long, String>> operations;

  private DceRpcInterfaces(Map<String, String> names, Map<String, Map<Long, String>> operations) {
    this.names = names;
    this.operations = operations;
  }

  /** The table of the Windows interfaces Lanternfish knows. */
  static DceRpcInterfaces standard() {
    return STANDARD;
  }

  /** The interface's name, or its UUID when unknown. */
  String endpoint(String uuid) {
    return uuid == null ? null : names.getOrDefault(uuid.toLowerCase(Locale.ROOT), uuid);
  }

  /** The operation's name, or {@code unknown-N} when the interface or opnum is unknown. */
  String operation(String uuid, long opnum) {
    Map<Long, String> byOpnum = uuid == null ? null : operations.get(uuid.toLowerCase(Locale.ROOT));
    String name = byOpnum == null ? null : byOpnum.get(opnum);
    return name != null ? name : "unknown-" + opnum;
  }

  private static DceRpcInterfaces load() {
    Map<String, String> names = new HashMap<>();
    Map<String, Map<Long, String>> operations = new HashMap<>();
    try (InputStream in = DceRpcInterfaces.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the lanternfish-pcap jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<Long, String> current = null;
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\s+");
        if (parts.length == 3 && parts[0].equals("interface")) {
          String uuid = parts[1].toLowerCase(Locale.ROOT);
          names.put(uuid, parts[2]);
          current = operations.computeIfAbsent(uuid, u -> new HashMap<>());
        } else if (parts.length == 2 && current != null) {
          current.put(Long.parseLong(parts[0]), parts[1]);
        } else {
          throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": cannot read '" + line + "'");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new DceRpcInterfaces(names, operations);
  }
}
