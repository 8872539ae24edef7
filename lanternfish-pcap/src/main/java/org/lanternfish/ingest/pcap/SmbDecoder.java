package org.lanternfish.ingest.pcap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;

/**
 * Follows SMB2 tree connects and file opens, reads, writes and closes, matching responses to requests
 * by message id, and writes smb_mapping and smb_files records.
 */
final class SmbDecoder extends FlowDecoder<SmbDecoder.Session> {

  private static final String TREE_CONNECT = "3";
  private static final String CREATE = "5";
  private static final String CLOSE = "6";
  private static final String READ = "8";
  private static final String WRITE = "9";

  /** The SMB2 state of one connection; requests whose responses never come age out. */
  static final class Session {
    private final Map<Long, Pending> trees = bounded();
    private final Map<Long, Pending> creates = bounded();
    private final Map<Long, String> closes = bounded();
    private final Map<String, OpenFile> files = new LinkedHashMap<>();
  }

  private static <K, V> Map<K, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > MAX_PENDING;
      }
    };
  }

  private record Pending(long ts, String path, String name) {}

  private static final class OpenFile {
    private final String path;
    private final String name;
    private long size;
    private long firstRead = Event.NO_TIME;
    private long firstWrite = Event.NO_TIME;

    OpenFile(String path, String name, long size) {
      this.path = path;
      this.name = name;
      this.size = size;
    }
  }

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.SMB2_CMD);
  }

  @Override
  Session newState() {
    return new Session();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    Session session = state(flow);
    String[] commands = packet.all(Field.SMB2_CMD);
    String[] responses = packet.all(Field.SMB2_RESPONSE);
    String[] messageIds = packet.all(Field.SMB2_MSG_ID);
    for (int i = 0; i < commands.length; i++) {
      String command = commands[i];
      boolean response = "1".equals(Packet.at(responses, i));
      long messageId = Packet.number(Packet.at(messageIds, i));
      if (response) {
        onResponse(packet, flow, session, commands, i, messageId, sink);
      } else {
        onRequest(packet, session, commands, i, messageId);
      }
    }
  }

  @Override
  void finish(Flow flow, Session session, Consumer<Event> sink) {
    session.files.forEach((fid, file) -> emitTransfers(flow, fid, file, sink));
  }

  private void onRequest(Packet packet, Session session, String[] commands, int i, long messageId) {
    String command = commands[i];
    switch (command) {
      case TREE_CONNECT -> session.trees.put(messageId,
          new Pending(packet.ts(), value(packet, Field.SMB2_TREE, commands, i), null));
      case CREATE -> {
        String name = value(packet, Field.SMB2_FILENAME, commands, i);
        session.creates.put(messageId,
            new Pending(packet.ts(), value(packet, Field.SMB2_TREE, commands, i), name == null ? "" : name));
      }
      case CLOSE -> {
        String fid = value(packet, Field.SMB2_FID, commands, i);
        if (fid != null) {
          session.closes.put(messageId, fid);
        }
      }
      case WRITE, READ -> {
        OpenFile file = session.files.get(value(packet, Field.SMB2_FID, commands, i));
        if (file != null && command.equals(WRITE) && file.firstWrite == Event.NO_TIME) {
          file.firstWrite = packet.ts();
        } else if (file != null && command.equals(READ) && file.firstRead == Event.NO_TIME) {
          file.firstRead = packet.ts();
        }
      }
      default -> { }
    }
  }

  private void onResponse(
      Packet packet, Flow flow, Session session, String[] commands, int i, long messageId, Consumer<Event> sink) {
    long status = Packet.number(value(packet, Field.SMB2_STATUS, commands, i));
    switch (commands[i]) {
      case TREE_CONNECT -> {
        Pending tree = session.trees.remove(messageId);
        if (tree != null && status == 0) {
          sink.accept(new SmbMappingEvent(tree.ts, flow.uid, flow.id, tree.path, null, null,
              shareType(Packet.number(value(packet, Field.SMB2_SHARE_TYPE, commands, i)))));
        }
      }
      case CREATE -> {
        Pending create = session.creates.remove(messageId);
        String fid = value(packet, Field.SMB2_FID, commands, i);
        if (create == null || status != 0 || fid == null || isPipeShare(create.path)) {
          return;
        }
        long size = Math.max(0, Packet.number(value(packet, Field.SMB2_EOF, commands, i)));
        session.files.put(fid, new OpenFile(create.path, create.name, size));
        sink.accept(new SmbFileEvent(create.ts, flow.uid, flow.id, fid, "SMB::FILE_OPEN", create.path,
            create.name, size, null));
      }
      case CLOSE -> {
        String fid = session.closes.remove(messageId);
        OpenFile file = fid == null ? null : session.files.remove(fid);
        if (file != null) {
          long size = Packet.number(value(packet, Field.SMB2_EOF, commands, i));
          if (size >= 0) {
            file.size = size;
          }
          emitTransfers(flow, fid, file, sink);
        }
      }
      default -> { }
    }
  }

  /** Writes one record per kind of transfer a file saw, as Zeek logs a file's first read and write. */
  private static void emitTransfers(Flow flow, String fid, OpenFile file, Consumer<Event> sink) {
    if (file.firstWrite != Event.NO_TIME) {
      sink.accept(new SmbFileEvent(file.firstWrite, flow.uid, flow.id, fid, "SMB::FILE_WRITE", file.path,
          file.name, file.size, null));
    }
    if (file.firstRead != Event.NO_TIME) {
      sink.accept(new SmbFileEvent(file.firstRead, flow.uid, flow.id, fid, "SMB::FILE_READ", file.path,
          file.name, file.size, null));
    }
  }

  /**
   * The occurrence of {@code field} that belongs to header {@code i} of a compound packet: fields
   * present in every header align by position, fields of one command type align among that type.
   */
  private static String value(Packet packet, Field field, String[] commands, int i) {
    String[] values = packet.all(field);
    if (values.length == commands.length) {
      return values[i];
    }
    int rank = 0;
    int sameCommand = 0;
    for (int j = 0; j < commands.length; j++) {
      if (commands[j].equals(commands[i])) {
        if (j < i) {
          rank++;
        }
        sameCommand++;
      }
    }
    return values.length == sameCommand ? values[rank] : null;
  }

  private static boolean isPipeShare(String path) {
    return path != null && path.toUpperCase(Locale.ROOT).endsWith("\\IPC$");
  }

  private static String shareType(long type) {
    return switch ((int) type) {
      case 1 -> "DISK";
      case 2 -> "PIPE";
      case 3 -> "PRINT";
      default -> null;
    };
  }
}
