package org.lanternfish.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lanternfish.store.EndpointMachines.Cve;
import org.lanternfish.store.EndpointMachines.EndpointMachine;

/** The endpoint product's machines and their CVEs, replaced whole at each refresh. */
final class EndpointTable {
  private final Connection connection;

  EndpointTable(Connection connection) {
    this.connection = connection;
  }

  void createSchema(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS endpoint_machines (id VARCHAR PRIMARY KEY, dns_name VARCHAR,"
        + " short_name VARCHAR, os_platform VARCHAR, os_version VARCHAR, os_build VARCHAR, health VARCHAR,"
        + " risk VARCHAR, exposure VARCHAR, last_address VARCHAR, refreshed BIGINT)");
    statement.execute("CREATE TABLE IF NOT EXISTS endpoint_cves (machine_id VARCHAR, cve_id VARCHAR,"
        + " severity VARCHAR, product VARCHAR, fixing_kb VARCHAR)");
  }

  void replace(List<EndpointMachine> machines, long refreshedMicros) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM endpoint_cves");
      statement.execute("DELETE FROM endpoint_machines");
    }
    try (PreparedStatement machine = connection.prepareStatement(
        "INSERT INTO endpoint_machines VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement cve = connection.prepareStatement("INSERT INTO endpoint_cves VALUES (?, ?, ?, ?, ?)")) {
      for (EndpointMachine m : machines) {
        machine.setString(1, m.id());
        machine.setString(2, m.dnsName());
        text(machine, 3, m.dnsName() == null ? null : shortName(m.dnsName()));
        text(machine, 4, m.osPlatform());
        text(machine, 5, m.osVersion());
        text(machine, 6, m.osBuild());
        text(machine, 7, m.health());
        text(machine, 8, m.risk());
        text(machine, 9, m.exposure());
        text(machine, 10, m.lastAddress());
        machine.setLong(11, refreshedMicros);
        machine.addBatch();
        for (Cve c : m.cves()) {
          cve.setString(1, m.id());
          cve.setString(2, c.id());
          text(cve, 3, c.severity());
          text(cve, 4, c.product());
          text(cve, 5, c.fixingKb());
          cve.addBatch();
        }
      }
      machine.executeBatch();
      cve.executeBatch();
    }
  }

  List<EndpointMachine> matching(Collection<String> addresses, Collection<String> hostNames) throws SQLException {
    if (!exists() || addresses.isEmpty() && hostNames.isEmpty()) {
      return List.of();
    }
    List<String> names = hostNames.stream().map(EndpointTable::shortName).distinct().toList();
    String sql = "SELECT * FROM endpoint_machines WHERE last_address IN (" + marks(addresses.size() + 1)
        + ") OR short_name IN (" + marks(names.size() + 1) + ") ORDER BY id";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      int i = 1;
      for (String a : addresses) {
        select.setString(i++, a);
      }
      select.setNull(i++, Types.VARCHAR);
      for (String n : names) {
        select.setString(i++, n);
      }
      select.setNull(i, Types.VARCHAR);
      return withCves(select);
    }
  }

  List<EndpointMachine> vulnerable() throws SQLException {
    if (!exists()) {
      return List.of();
    }
    try (PreparedStatement select = connection.prepareStatement("SELECT * FROM endpoint_machines WHERE id IN"
        + " (SELECT machine_id FROM endpoint_cves) ORDER BY id")) {
      return withCves(select);
    }
  }

  /** The machines {@code select} finds, each with its CVEs. */
  private List<EndpointMachine> withCves(PreparedStatement select) throws SQLException {
    Map<String, EndpointMachine> found = new LinkedHashMap<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        found.put(rows.getString("id"), new EndpointMachine(rows.getString("id"), rows.getString("dns_name"),
            rows.getString("os_platform"), rows.getString("os_version"), rows.getString("os_build"),
            rows.getString("health"), rows.getString("risk"), rows.getString("exposure"),
            rows.getString("last_address"), rows.getLong("refreshed"), List.of()));
      }
    }
    List<EndpointMachine> machines = new ArrayList<>();
    for (EndpointMachine m : found.values()) {
      machines.add(new EndpointMachine(m.id(), m.dnsName(), m.osPlatform(), m.osVersion(), m.osBuild(), m.health(),
          m.risk(), m.exposure(), m.lastAddress(), m.refreshedMicros(), cves(m.id())));
    }
    return machines;
  }

  private List<Cve> cves(String machine) throws SQLException {
    List<Cve> cves = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT cve_id, severity, product, fixing_kb FROM"
        + " endpoint_cves WHERE machine_id = ? ORDER BY CASE lower(severity) WHEN 'critical' THEN 0 WHEN 'high'"
        + " THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, cve_id DESC")) {
      select.setString(1, machine);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          cves.add(new Cve(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return cves;
  }

  /** False in a read-only store written before these tables existed. */
  private boolean exists() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'endpoint_machines'")) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }

  /** A host name's first label in lower case: {@code PC-1.contoso.com} and {@code pc-1} are one host. */
  private static String shortName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int dot = lower.indexOf('.');
    return dot > 0 ? lower.substring(0, dot) : lower;
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }

  private static void text(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }
}
