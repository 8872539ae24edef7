package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lanternfish.store.InvestigationQueries.FirstContact;
import org.lanternfish.store.InvestigationQueries.FirstCredential;
import org.lanternfish.store.InvestigationQueries.RareHost;

/**
 * The SQL behind {@link InvestigationQueries}: "never before" is a NOT EXISTS over the same table before the window.
 * Addresses are matched and joined by their {@link AddressKey} columns and rendered as text only in the results; an
 * address that is not one matches nothing.
 */
final class InvestigationSql {
  private static final String ORIG = "orig_h";
  private static final String RESP = "resp_h";

  private final Connection connection;

  InvestigationSql(Connection connection) {
    this.connection = connection;
  }

  List<FirstContact> firstContacts(String address, long fromMicros, long toMicros, int limit) throws SQLException {
    List<FirstContact> found = new ArrayList<>();
    AddressKey key = AddressKey.parse(address);
    if (key == null) {
      return found;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT min(epoch_us(ts)) AS first, "
        + text(RESP) + ", resp_p, min(uid) FROM conn c WHERE " + equal(ORIG)
        + " AND ts >= make_timestamp(?) AND ts < make_timestamp(?)"
        + " AND NOT EXISTS (SELECT 1 FROM conn p WHERE " + joined("p", "c", ORIG) + " AND " + joined("p", "c", RESP)
        + " AND p.resp_p = c.resp_p AND p.ts < make_timestamp(?))"
        + " GROUP BY resp_h_hi, resp_h_lo, resp_p ORDER BY first, 2, resp_p LIMIT ?")) {
      bind(select, key, fromMicros, toMicros, limit, true);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new FirstContact(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getString(4)));
        }
      }
    }
    return found;
  }

  List<FirstCredential> firstCredentials(String address, long fromMicros, long toMicros, int limit)
      throws SQLException {
    List<FirstCredential> found = new ArrayList<>();
    AddressKey key = AddressKey.parse(address);
    if (key == null) {
      return found;
    }
    for (String[] source : new String[][] {{"kerberos", "client"}, {"ntlm", "username"}}) {
      String table = source[0];
      String column = source[1];
      try (PreparedStatement select = connection.prepareStatement("SELECT min(epoch_us(ts)) AS first, " + column
          + ", min(uid) FROM " + table + " c WHERE " + equal(ORIG) + " AND " + column + " IS NOT NULL"
          + " AND ts >= make_timestamp(?) AND ts < make_timestamp(?) AND NOT EXISTS (SELECT 1 FROM " + table
          + " p WHERE " + joined("p", "c", ORIG) + " AND p." + column + " = c." + column
          + " AND p.ts < make_timestamp(?)) GROUP BY " + column + " ORDER BY first, " + column + " LIMIT ?")) {
        bind(select, key, fromMicros, toMicros, limit, true);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            found.add(new FirstCredential(rows.getLong(1), rows.getString(2), table, rows.getString(3)));
          }
        }
      }
    }
    return found;
  }

  List<RareHost> rareHosts(String address, long fromMicros, long toMicros, int maxSources, int limit)
      throws SQLException {
    List<RareHost> found = new ArrayList<>();
    AddressKey key = AddressKey.parse(address);
    if (key == null) {
      return found;
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT min(epoch_us(c.ts)) AS first,"
        + " " + text("c." + RESP) + ", min(c.uid), sum(coalesce(c.orig_bytes, 0)) FROM conn c"
        + " WHERE " + equal("c." + ORIG) + " AND c.ts >= make_timestamp(?) AND c.ts < make_timestamp(?)"
        + " AND c.local_resp IS NOT TRUE AND (SELECT count(DISTINCT (o.orig_h_hi, o.orig_h_lo)) FROM conn o WHERE "
        + joined("o", "c", RESP) + ") <= " + maxSources
        + " GROUP BY c.resp_h_hi, c.resp_h_lo ORDER BY first, 2 LIMIT ?")) {
      bind(select, key, fromMicros, toMicros, limit, false);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new RareHost(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
        }
      }
    }
    return found;
  }

  List<ConnectionHistory.ConnectionTally> connections(String address, ConnectionHistory.Side side, String peer,
      int port, long endMicros, int days, int limit) throws SQLException {
    List<ConnectionHistory.ConnectionTally> found = new ArrayList<>();
    AddressKey key = AddressKey.parse(address);
    AddressKey peerKey = peer == null ? null : AddressKey.parse(peer);
    if (key == null || peer != null && peerKey == null) {
      return found;
    }
    String self = side == ConnectionHistory.Side.ACCEPTED ? RESP : ORIG;
    String other = side == ConnectionHistory.Side.ACCEPTED ? ORIG : RESP;
    String sides = side == ConnectionHistory.Side.EITHER ? "(" + equal(ORIG) + " OR " + equal(RESP) + ")" : equal(self);
    // The other end's key, half by half: the responder unless the address is the originator.
    String otherHigh = side == ConnectionHistory.Side.EITHER
        ? "CASE WHEN " + equal(ORIG) + " THEN resp_h_hi ELSE orig_h_hi END" : other + "_hi";
    String otherLow = side == ConnectionHistory.Side.EITHER
        ? "CASE WHEN " + equal(ORIG) + " THEN resp_h_lo ELSE orig_h_lo END" : other + "_lo";
    try (PreparedStatement select = connection.prepareStatement("WITH window_end AS (SELECT least(make_timestamp(?),"
        + " coalesce((SELECT max(ts) FROM conn), make_timestamp(?))) AS t), tally AS (SELECT " + otherHigh
        + " AS peer_hi, " + otherLow + " AS peer_lo, resp_p, count(*) AS n, min(epoch_us(ts)) AS first,"
        + " max(epoch_us(ts)) AS last FROM conn, window_end WHERE " + sides
        + " AND ts > window_end.t - to_days(?) AND ts <= window_end.t"
        + (peer == null ? "" : " AND " + equal(other)) + (port == 0 ? "" : " AND resp_p = ?")
        + " GROUP BY ALL) SELECT lanternfish_address(peer_hi, peer_lo) AS peer, resp_p, n, first, last FROM tally"
        + " ORDER BY n DESC, peer, resp_p LIMIT ?")) {
      int i = 1;
      long end = DuckDbEventStore.clampMicros(endMicros);
      select.setLong(i++, end);
      select.setLong(i++, end);
      if (side == ConnectionHistory.Side.EITHER) {
        i = bind(select, i, key);
        i = bind(select, i, key);
      }
      i = bind(select, i, key);
      if (side == ConnectionHistory.Side.EITHER) {
        i = bind(select, i, key);
      }
      select.setInt(i++, days);
      if (peer != null) {
        i = bind(select, i, peerKey);
      }
      if (port != 0) {
        select.setInt(i++, port);
      }
      select.setInt(i, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new ConnectionHistory.ConnectionTally(rows.getString(1), rows.getInt(2), rows.getLong(3),
              rows.getLong(4), rows.getLong(5)));
        }
      }
    }
    return found;
  }

  List<ConnectionHistory.ConnectionTally> usual(String address, boolean group, int groupSize, long endMicros,
      int days, int limit) throws SQLException {
    List<ConnectionHistory.ConnectionTally> found = new ArrayList<>();
    AddressKey key = AddressKey.parse(address);
    if (key == null) {
      return found;
    }
    // The group: the other devices sharing the most of the device's own peers and ports in the window.
    String peers = group
        ? ", mine AS (SELECT DISTINCT resp_h_hi, resp_h_lo, resp_p FROM w WHERE " + equal(ORIG) + "),"
            + " peers AS (SELECT w.orig_h_hi AS hi, w.orig_h_lo AS lo FROM w JOIN mine"
            + " USING (resp_h_hi, resp_h_lo, resp_p) WHERE NOT " + equal("w." + ORIG) + " GROUP BY 1, 2"
            + " ORDER BY count(DISTINCT (w.resp_h_hi, w.resp_h_lo, w.resp_p)) DESC, " + text("w." + ORIG)
            + " LIMIT ?)"
        : "";
    String who = group ? "EXISTS (SELECT 1 FROM peers WHERE hi = w.orig_h_hi AND lo = w.orig_h_lo)" : equal(ORIG);
    try (PreparedStatement select = connection.prepareStatement("WITH window_end AS (SELECT least(make_timestamp(?),"
        + " coalesce((SELECT max(ts) FROM conn), make_timestamp(?))) AS t), w AS (SELECT orig_h_hi, orig_h_lo,"
        + " resp_h_hi, resp_h_lo, resp_p, ts FROM conn, window_end WHERE ts > window_end.t - to_days(?)"
        + " AND ts <= window_end.t)" + peers + " SELECT " + text(RESP) + " AS resp_h, resp_p, count(*) AS n,"
        + " min(epoch_us(ts)), max(epoch_us(ts)) FROM w WHERE " + who + " GROUP BY resp_h_hi, resp_h_lo, resp_p"
        + " HAVING min(ts) <= (SELECT t FROM window_end) - INTERVAL 1 DAY ORDER BY n DESC, resp_h, resp_p LIMIT ?")) {
      int i = 1;
      long end = DuckDbEventStore.clampMicros(endMicros);
      select.setLong(i++, end);
      select.setLong(i++, end);
      select.setInt(i++, days);
      i = bind(select, i, key);
      if (group) {
        i = bind(select, i, key);
        select.setInt(i++, groupSize);
      }
      select.setInt(i, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new ConnectionHistory.ConnectionTally(rows.getString(1), rows.getInt(2), rows.getLong(3),
              rows.getLong(4), rows.getLong(5)));
        }
      }
    }
    return found;
  }

  /** The text of address column {@code column}. */
  private static String text(String column) {
    return AddressKey.textSql(column + "_hi", column + "_lo");
  }

  /** A condition that address column {@code column} holds the key bound to its two parameters. */
  private static String equal(String column) {
    return "(" + column + "_hi = ? AND " + column + "_lo = ?)";
  }

  /** A condition that address column {@code column} is the same in the rows of aliases {@code a} and {@code b}. */
  private static String joined(String a, String b, String column) {
    return a + "." + column + "_hi = " + b + "." + column + "_hi AND " + a + "." + column + "_lo = " + b + "."
        + column + "_lo";
  }

  private static int bind(PreparedStatement select, int index, AddressKey key) throws SQLException {
    select.setLong(index, key.high());
    select.setLong(index + 1, key.low());
    return index + 2;
  }

  private static void bind(PreparedStatement select, AddressKey key, long fromMicros, long toMicros, int limit,
      boolean neverBefore) throws SQLException {
    int i = bind(select, 1, key);
    select.setLong(i++, DuckDbEventStore.clampMicros(fromMicros));
    select.setLong(i++, DuckDbEventStore.clampMicros(toMicros));
    if (neverBefore) {
      select.setLong(i++, DuckDbEventStore.clampMicros(fromMicros));
    }
    select.setInt(i, limit);
  }
}
