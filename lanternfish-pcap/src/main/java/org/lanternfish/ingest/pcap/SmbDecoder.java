package org.lanternfish.ingest.pcap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;

/**
 * Follows SMB2 tree connects and file opens, reads, writes, renames, deletes and closes, matching
 * responses to requests by message id, and writes smb_mapping and smb_files records.
 */
final class SmbDecoder extends FlowDecoder<SmbDecoder.Session> {

  private static final String TREE_CONNECT = "3";
  private static final String CREATE = "5";
  private static final String CLOSE = "6";
  private static final String READ = "8";
  private static final String WRITE = "9";
  private static final String SET_INFO = "17";
  private static final long FILE_INFO = 1;
  private static final long RENAME_INFORMATION = 10;
  private static final long DISPOSITION_INFORMATION = 13;

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

  private record Pending(long ts, String path, String name, boolean deleteOnClose) {}

  private static final class OpenFile {
    private final String path;
    private String name;
    private boolean deleteOnClose;
    private long size;
    private long firstRead = Event.NO_TIME;
    private long firstWrite = Event.NO_TIME;

    OpenFile(String path, String name, long size, boolean deleteOnClose) {
      this.path = path;
      this.name = name;
      this.size = size;
      this.deleteOnClose = deleteOnClose;
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
        onRequest(packet, flow, session, commands, i, messageId, sink);
      }
    }
  }

  @Override
  void finish(Flow flow, Session session, Consumer<Event> sink) {
    session.files.forEach((fid, file) -> emitTransfers(flow, fid, file, sink));
  }

  private void onRequest(
      Packet packet, Flow flow, Session session, String[] commands, int i, long messageId, Consumer<Event> sink) {
    String command = commands[i];
    switch (command) {
      case TREE_CONNECT -> session.trees.put(messageId,
          new Pending(packet.ts(), value(packet, Field.SMB2_TREE, commands, i), null, false));
      case CREATE -> {
        String name = value(packet, Field.SMB2_FILENAME, commands, i);
        session.creates.put(messageId, new Pending(packet.ts(), value(packet, Field.SMB2_TREE, commands, i),
            name == null ? "" : name, "1".equals(value(packet, Field.SMB2_DELETE_ON_CLOSE, commands, i))));
      }
      case SET_INFO -> onSetInfo(packet, flow, session, commands, i, sink);
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
        session.files.put(fid, new OpenFile(create.path, create.name, size, create.deleteOnClose));
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
          if (file.deleteOnClose) {
            sink.accept(new SmbFileEvent(packet.ts(), flow.uid, flow.id, fid, "SMB::FILE_DELETE", file.path,
                file.name, file.size, null));
          }
        }
      }
      default -> { }
    }
  }

  /** A rename is written when requested; a delete disposition takes effect, and is written, at close. */
  private static void onSetInfo(
      Packet packet, Flow flow, Session session, String[] commands, int i, Consumer<Event> sink) {
    String fid = value(packet, Field.SMB2_FID, commands, i);
    OpenFile file = fid == null ? null : session.files.get(fid);
    if (file == null || Packet.number(value(packet, Field.SMB2_INFO_CLASS, commands, i)) != FILE_INFO) {
      return;
    }
    long level = Packet.number(value(packet, Field.SMB2_INFO_LEVEL, commands, i));
    if (level == RENAME_INFORMATION) {
      String newName = value(packet, Field.SMB2_FILENAME, commands, i);
      if (newName != null) {
        sink.accept(new SmbFileEvent(packet.ts(), flow.uid, flow.id, fid, "SMB::FILE_RENAME", file.path, newName,
            file.size, file.name));
        file.name = newName;
      }
    } else if (level == DISPOSITION_INFORMATION) {
      file.deleteOnClose = "1".equals(value(packet, Field.SMB2_DISPOSITION_DELETE, commands, i));
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
