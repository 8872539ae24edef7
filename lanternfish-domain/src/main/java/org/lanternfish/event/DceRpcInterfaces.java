package org.lanternfish.event;

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
 * Names of DCE-RPC interfaces and operations as Zeek's dce_rpc.log writes them, such as {@code drsuapi}
 * {@code DRSGetNCChanges}, for sources that carry only an interface UUID and an opnum (Suricata EVE, packet
 * captures), so that every source names a call the same way. The table is {@code dce-rpc-interfaces.txt} beside
 * this class; unknown ones are written as Zeek writes them: {@code unknown-<uuid>} and {@code unknown-<opnum>}.
 */
public final class DceRpcInterfaces {
  private static final String RESOURCE = "dce-rpc-interfaces.txt";
  private static final Map<String, String> NAMES = new HashMap<>();
  private static final Map<String, Map<Long, String>> OPERATIONS = new HashMap<>();

  static {
    load();
  }

  private DceRpcInterfaces() {}

  /** The interface's name, {@code unknown-<uuid>} when the UUID is not in the table, or null without a UUID. */
  public static String endpoint(String uuid) {
    if (uuid == null) {
      return null;
    }
    String key = uuid.toLowerCase(Locale.ROOT);
    String name = NAMES.get(key);
    return name != null ? name : "unknown-" + key;
  }

  /** The operation's name, or {@code unknown-<opnum>} when the interface (or no UUID) or the opnum is unknown. */
  public static String operation(String uuid, long opnum) {
    Map<Long, String> byOpnum = uuid == null ? null : OPERATIONS.get(uuid.toLowerCase(Locale.ROOT));
    String name = byOpnum == null ? null : byOpnum.get(opnum);
    return name != null ? name : "unknown-" + opnum;
  }

  private static void load() {
    try (InputStream in = DceRpcInterfaces.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the lanternfish-domain jar");
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
          NAMES.put(uuid, parts[2]);
          current = OPERATIONS.computeIfAbsent(uuid, u -> new HashMap<>());
        } else if (parts.length == 2 && current != null) {
          current.put(Long.parseLong(parts[0]), parts[1]);
        } else {
          throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": cannot read '" + line + "'");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
