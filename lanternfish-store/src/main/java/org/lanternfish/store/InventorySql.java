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
  /**
   * An address inside the site: the sensor says so, or it is in a private IPv4 range (10/8, 172.16/12, 192.168/16),
   * tested on the address's key; %1$s is the sensor's flag, %2$s the address column.
   */
  private static final String INSIDE = "(%1$s IS TRUE OR " + privateRanges() + ")";

  private final Connection connection;

  InventorySql(Connection connection) {
    this.connection = connection;
  }

  List<SeenDevice> devices(int limit) throws SQLException {
    List<SeenDevice> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("WITH ends AS ("
        + " SELECT orig_h_hi AS hi, orig_h_lo AS lo, ts FROM conn WHERE " + inside("local_orig", "orig_h")
        + " UNION ALL SELECT resp_h_hi, resp_h_lo, ts FROM conn WHERE " + inside("local_resp", "resp_h")
        + "), seen AS (SELECT hi, lo, min(ts) AS first, max(ts) AS last, count(*) AS n FROM ends GROUP BY hi, lo),"
        + " leases AS (SELECT assigned_addr_hi AS hi, assigned_addr_lo AS lo, arg_max(host_name, ts) AS host_name,"
        + " arg_max(mac, ts) AS mac FROM dhcp WHERE assigned_addr_hi IS NOT NULL GROUP BY hi, lo),"
        + " workstations AS (SELECT orig_h_hi AS hi, orig_h_lo AS lo, arg_max(hostname, ts) AS host_name FROM ntlm"
        + " WHERE hostname IS NOT NULL GROUP BY hi, lo),"
        + " logons AS (SELECT hi, lo, count(*) AS n FROM (SELECT orig_h_hi AS hi, orig_h_lo AS lo FROM kerberos"
        + " WHERE client IS NOT NULL UNION ALL SELECT orig_h_hi, orig_h_lo FROM ntlm WHERE username IS NOT NULL)"
        + " GROUP BY hi, lo)"
        + " SELECT " + AddressKey.textSql("s.hi", "s.lo") + " AS address, epoch_us(s.first), epoch_us(s.last), s.n,"
        + " coalesce(l.host_name, w.host_name), l.mac, coalesce(g.n, 0) FROM seen s LEFT JOIN leases l USING (hi, lo)"
        + " LEFT JOIN workstations w USING (hi, lo) LEFT JOIN logons g USING (hi, lo) ORDER BY address LIMIT ?")) {
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
    AddressKey key = mac == null ? AddressKey.parse(device) : null;
    String address = AddressKey.textSql("assigned_addr_hi", "assigned_addr_lo");
    String which = mac != null ? "lower(mac) = ?"
        : key != null ? "((assigned_addr_hi = ? AND assigned_addr_lo = ?) OR lower(host_name) = lower(?))"
        : "lower(host_name) = lower(?)";
    List<Lease> found = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT host_name, " + address + ", mac,"
        + " min(epoch_us(ts)) AS first, max(epoch_us(ts)) AS last FROM dhcp WHERE assigned_addr_hi IS NOT NULL AND "
        + which + " GROUP BY host_name, assigned_addr_hi, assigned_addr_lo, mac ORDER BY last DESC, first DESC"
        + " LIMIT ?")) {
      int i = 1;
      if (mac != null) {
        select.setString(i++, mac);
      } else {
        if (key != null) {
          select.setLong(i++, key.high());
          select.setLong(i++, key.low());
        }
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

  private static String inside(String flag, String address) {
    return String.format(Locale.ROOT, INSIDE, flag, address);
  }

  /** The private IPv4 ranges as key ranges of the address column %2$s; the numbers are the store's own. */
  private static String privateRanges() {
    List<String> ranges = new ArrayList<>();
    for (String cidr : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")) {
      AddressKey[] range = AddressKey.range(cidr);
      ranges.add("%2$s_lo BETWEEN " + range[0].low() + " AND " + range[1].low());
    }
    return "(%2$s_hi = " + Long.MIN_VALUE + " AND (" + String.join(" OR ", ranges) + "))";
  }
}
