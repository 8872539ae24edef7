package org.lanternfish.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A few recent key-to-name pairs of one device, such as connection uid to credential or external address to domain,
 * kept by the key's hash (not the key) and overwritten oldest first, so they cost a few dozen bytes.
 */
final class RecentNames {

  private final int[] keys;
  private final String[] names;
  private int next;

  RecentNames(int size) {
    keys = new int[size];
    names = new String[size];
  }

  void put(String key, String name) {
    int h = key.hashCode();
    for (int i = 0; i < keys.length; i++) {
      if (names[i] != null && keys[i] == h) {
        names[i] = name;
        return;
      }
    }
    keys[next] = h;
    names[next] = name;
    next = (next + 1) % keys.length;
  }

  String get(String key) {
    int h = key.hashCode();
    for (int i = 0; i < keys.length; i++) {
      if (names[i] != null && keys[i] == h) {
        return names[i];
      }
    }
    return null;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(keys.length);
    out.writeByte(next);
    for (int i = 0; i < keys.length; i++) {
      out.writeInt(keys[i]);
      out.writeUTF(names[i] == null ? "\0" : names[i]);
    }
  }

  static RecentNames read(DataInput in) throws IOException {
    RecentNames r = new RecentNames(in.readUnsignedByte());
    r.next = in.readUnsignedByte();
    for (int i = 0; i < r.keys.length; i++) {
      r.keys[i] = in.readInt();
      String name = in.readUTF();
      r.names[i] = name.equals("\0") ? null : name;
    }
    return r;
  }
}
