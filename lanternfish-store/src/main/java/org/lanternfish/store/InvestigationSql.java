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

/** The SQL behind {@link InvestigationQueries}: "never before" is a NOT EXISTS over the same table before the window. */
final class InvestigationSql {
  private final Connection connection;

  InvestigationSql(Connection connection) {
    this.connection = connection;
  }

  List<FirstContact> firstContacts(String address, long fromMicros, long toMicros, int limit) throws SQLException {
    List<FirstContact> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT min(epoch_us(ts)) AS first, resp_h, resp_p,"
        + " min(uid) FROM conn c WHERE orig_h = ? AND ts >= make_timestamp(?) AND ts < make_timestamp(?)"
        + " AND NOT EXISTS (SELECT 1 FROM conn p WHERE p.orig_h = c.orig_h AND p.resp_h = c.resp_h"
        + " AND p.resp_p = c.resp_p AND p.ts < make_timestamp(?))"
        + " GROUP BY resp_h, resp_p ORDER BY first, resp_h, resp_p LIMIT ?")) {
      bind(select, address, fromMicros, toMicros, limit, true);
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
    for (String[] source : new String[][] {{"kerberos", "client"}, {"ntlm", "username"}}) {
      String table = source[0];
      String column = source[1];
      try (PreparedStatement select = connection.prepareStatement("SELECT min(epoch_us(ts)) AS first, " + column
          + ", min(uid) FROM " + table + " c WHERE orig_h = ? AND " + column + " IS NOT NULL"
          + " AND ts >= make_timestamp(?) AND ts < make_timestamp(?) AND NOT EXISTS (SELECT 1 FROM " + table
          + " p WHERE p.orig_h = c.orig_h AND p." + column + " = c." + column + " AND p.ts < make_timestamp(?))"
          + " GROUP BY " + column + " ORDER BY first, " + column + " LIMIT ?")) {
        bind(select, address, fromMicros, toMicros, limit, true);
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
    try (PreparedStatement select = connection.prepareStatement("SELECT min(epoch_us(c.ts)) AS first, c.resp_h,"
        + " min(c.uid), sum(coalesce(c.orig_bytes, 0)) FROM conn c WHERE c.orig_h = ? AND c.ts >= make_timestamp(?)"
        + " AND c.ts < make_timestamp(?) AND c.local_resp IS NOT TRUE AND (SELECT count(DISTINCT o.orig_h) FROM"
        + " conn o WHERE o.resp_h = c.resp_h) <= " + maxSources + " GROUP BY c.resp_h ORDER BY first, c.resp_h"
        + " LIMIT ?")) {
      bind(select, address, fromMicros, toMicros, limit, false);
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
    String self = side == ConnectionHistory.Side.ACCEPTED ? "resp_h" : "orig_h";
    String other = side == ConnectionHistory.Side.ACCEPTED ? "orig_h" : "resp_h";
    String sides = side == ConnectionHistory.Side.EITHER
        ? "(orig_h = ? OR resp_h = ?)" : self + " = ?";
    String otherEnd = side == ConnectionHistory.Side.EITHER
        ? "CASE WHEN orig_h = ? THEN resp_h ELSE orig_h END" : other;
    List<ConnectionHistory.ConnectionTally> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("WITH window_end AS (SELECT least(make_timestamp(?),"
        + " coalesce((SELECT max(ts) FROM conn), make_timestamp(?))) AS t) SELECT " + otherEnd + " AS peer, resp_p,"
        + " count(*) AS n, min(epoch_us(ts)), max(epoch_us(ts)) FROM conn, window_end WHERE " + sides
        + " AND ts > window_end.t - to_days(?) AND ts <= window_end.t"
        + (peer == null ? "" : " AND " + other + " = ?") + (port == 0 ? "" : " AND resp_p = ?")
        + " GROUP BY peer, resp_p ORDER BY n DESC, peer, resp_p LIMIT ?")) {
      int i = 1;
      long end = DuckDbEventStore.clampMicros(endMicros);
      select.setLong(i++, end);
      select.setLong(i++, end);
      if (side == ConnectionHistory.Side.EITHER) {
        select.setString(i++, address);
      }
      select.setString(i++, address);
      if (side == ConnectionHistory.Side.EITHER) {
        select.setString(i++, address);
      }
      select.setInt(i++, days);
      if (peer != null) {
        select.setString(i++, peer);
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
    // The group: the other devices sharing the most of the device's own peers and ports in the window.
    String who = group
        ? "orig_h IN (SELECT w.orig_h FROM w JOIN (SELECT DISTINCT resp_h, resp_p FROM w WHERE orig_h = ?) mine"
            + " ON w.resp_h = mine.resp_h AND w.resp_p = mine.resp_p WHERE w.orig_h <> ? GROUP BY w.orig_h"
            + " ORDER BY count(DISTINCT w.resp_h || ':' || w.resp_p) DESC, w.orig_h LIMIT ?)"
        : "orig_h = ?";
    List<ConnectionHistory.ConnectionTally> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("WITH window_end AS (SELECT least(make_timestamp(?),"
        + " coalesce((SELECT max(ts) FROM conn), make_timestamp(?))) AS t), w AS (SELECT orig_h, resp_h, resp_p, ts"
        + " FROM conn, window_end WHERE ts > window_end.t - to_days(?) AND ts <= window_end.t) SELECT resp_h,"
        + " resp_p, count(*) AS n, min(epoch_us(ts)), max(epoch_us(ts)) FROM w WHERE " + who + " GROUP BY resp_h,"
        + " resp_p HAVING min(ts) <= (SELECT t FROM window_end) - INTERVAL 1 DAY ORDER BY n DESC, resp_h, resp_p"
        + " LIMIT ?")) {
      int i = 1;
      long end = DuckDbEventStore.clampMicros(endMicros);
      select.setLong(i++, end);
      select.setLong(i++, end);
      select.setInt(i++, days);
      select.setString(i++, address);
      if (group) {
        select.setString(i++, address);
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

  private static void bind(PreparedStatement select, String address, long fromMicros, long toMicros, int limit,
      boolean neverBefore) throws SQLException {
    int i = 1;
    select.setString(i++, address);
    select.setLong(i++, DuckDbEventStore.clampMicros(fromMicros));
    select.setLong(i++, DuckDbEventStore.clampMicros(toMicros));
    if (neverBefore) {
      select.setLong(i++, DuckDbEventStore.clampMicros(fromMicros));
    }
    select.setInt(i, limit);
  }
}
