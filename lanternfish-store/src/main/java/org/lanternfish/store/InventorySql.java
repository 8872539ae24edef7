package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lanternfish.store.DeviceInventory.Lease;
import org.lanternfish.store.DeviceInventory.SeenDevice;

/** The SQL behind {@link DeviceInventory}. */
final class InventorySql {
  /** An address inside the site: the sensor says so, or it is in a private IPv4 range. */
  private static final String INSIDE = "(%s IS TRUE OR regexp_matches(%s,"
      + " '^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.)'))";

  private final Connection connection;

  InventorySql(Connection connection) {
    this.connection = connection;
  }

  List<SeenDevice> devices(int limit) throws SQLException {
    List<SeenDevice> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("WITH ends AS ("
        + " SELECT orig_h AS address, ts FROM conn WHERE " + String.format(Locale.ROOT, INSIDE, "local_orig", "orig_h")
        + " UNION ALL SELECT resp_h, ts FROM conn WHERE " + String.format(Locale.ROOT, INSIDE, "local_resp", "resp_h")
        + "), seen AS (SELECT address, min(ts) AS first, max(ts) AS last, count(*) AS n FROM ends GROUP BY address),"
        + " leases AS (SELECT assigned_addr AS address, arg_max(host_name, ts) AS host_name, arg_max(mac, ts) AS mac"
        + " FROM dhcp WHERE assigned_addr IS NOT NULL GROUP BY assigned_addr),"
        + " workstations AS (SELECT orig_h AS address, arg_max(hostname, ts) AS host_name FROM ntlm"
        + " WHERE hostname IS NOT NULL GROUP BY orig_h),"
        + " logons AS (SELECT address, count(*) AS n FROM (SELECT orig_h AS address FROM kerberos WHERE client IS NOT"
        + " NULL UNION ALL SELECT orig_h FROM ntlm WHERE username IS NOT NULL) GROUP BY address)"
        + " SELECT s.address, epoch_us(s.first), epoch_us(s.last), s.n, coalesce(l.host_name, w.host_name), l.mac,"
        + " coalesce(g.n, 0) FROM seen s LEFT JOIN leases l USING (address) LEFT JOIN workstations w USING (address)"
        + " LEFT JOIN logons g USING (address) ORDER BY s.address LIMIT ?")) {
      select.setInt(1, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new SeenDevice(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
              rows.getString(5), rows.getString(6), rows.getLong(7)));
        }
      }
    }
    return found;
  }

  List<Lease> leases(String device, int limit) throws SQLException {
    String mac = device.startsWith("mac:") ? device.substring(4).toLowerCase(Locale.ROOT) : null;
    List<Lease> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT host_name, assigned_addr, mac,"
        + " min(epoch_us(ts)) AS first, max(epoch_us(ts)) AS last FROM dhcp WHERE assigned_addr IS NOT NULL AND "
        + (mac != null ? "lower(mac) = ?" : "(assigned_addr = ? OR lower(host_name) = lower(?))")
        + " GROUP BY host_name, assigned_addr, mac ORDER BY last DESC, first DESC LIMIT ?")) {
      int i = 1;
      if (mac != null) {
        select.setString(i++, mac);
      } else {
        select.setString(i++, device);
        select.setString(i++, device);
      }
      select.setInt(i, limit);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(new Lease(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
              rows.getLong(5)));
        }
      }
    }
    return found;
  }
}
