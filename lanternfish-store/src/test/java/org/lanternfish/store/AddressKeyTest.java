package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class AddressKeyTest {
  private static final long FLIP = Long.MIN_VALUE;

  @Test
  void parse_ipv4_mapsIntoIpv6MappedRange() {
    AddressKey key = AddressKey.parse("10.1.2.3");
    assertThat(key).isEqualTo(new AddressKey(0 ^ FLIP, 0x0000_FFFF_0A01_0203L ^ FLIP));
    assertThat(AddressKey.parse("::ffff:10.1.2.3")).isEqualTo(key);
  }

  @Test
  void parse_ipv6Forms_expandTheGap() {
    assertThat(AddressKey.parse("::")).isEqualTo(new AddressKey(FLIP, FLIP));
    assertThat(AddressKey.parse("::1")).isEqualTo(new AddressKey(FLIP, 1 ^ FLIP));
    assertThat(AddressKey.parse("2001:db8::1")).isEqualTo(new AddressKey(0x2001_0DB8_0000_0000L ^ FLIP, 1 ^ FLIP));
    assertThat(AddressKey.parse("2001:DB8:0:0:0:0:0:1")).isEqualTo(AddressKey.parse("2001:db8::1"));
    assertThat(AddressKey.parse("fe80::1%eth0")).isEqualTo(AddressKey.parse("fe80::1"));
    assertThat(AddressKey.parse("ff02::")).isEqualTo(new AddressKey(0xFF02_0000_0000_0000L ^ FLIP, FLIP));
  }

  @Test
  void parse_notAnAddress_isNull() {
    for (String text : new String[] {"", "10.0.0", "10.0.0.256", "1.2.3.4.5", "1..2.3", "2001:db8:::1", "1::2::3",
        "12345::", "1:2:3:4:5:6:7:8:9", "example.com", "10.0.0.1 ", ":1", "1:"}) {
      assertThat(AddressKey.parse(text)).as(text).isNull();
    }
    assertThat(AddressKey.parse(null)).isNull();
  }

  @Test
  void keys_sortLikeUnsignedAddresses() {
    String[] ascending = {"::", "::1", "10.0.0.1", "255.255.255.255", "2001:db8::", "7fff::", "8000::", "fe80::1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"};
    for (int i = 1; i < ascending.length; i++) {
      AddressKey before = AddressKey.parse(ascending[i - 1]);
      AddressKey after = AddressKey.parse(ascending[i]);
      assertThat(before.high() < after.high() || before.high() == after.high() && before.low() < after.low())
          .as(ascending[i - 1] + " < " + ascending[i]).isTrue();
    }
  }

  @Test
  void range_cidr_coversExactlyTheBlock() {
    AddressKey[] v4 = AddressKey.range("10.0.0.0/8");
    assertThat(v4[0]).isEqualTo(AddressKey.parse("10.0.0.0"));
    assertThat(v4[1]).isEqualTo(AddressKey.parse("10.255.255.255"));
    AddressKey[] host = AddressKey.range("192.168.1.7/32");
    assertThat(host[0]).isEqualTo(host[1]).isEqualTo(AddressKey.parse("192.168.1.7"));
    AddressKey[] v6 = AddressKey.range("2001:db8::/32");
    assertThat(v6[0]).isEqualTo(AddressKey.parse("2001:db8::"));
    assertThat(v6[1]).isEqualTo(AddressKey.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
    AddressKey[] wide = AddressKey.range("2001:db8:1:2:3::/80");
    assertThat(wide[1]).isEqualTo(AddressKey.parse("2001:db8:1:2:3:ffff:ffff:ffff"));
    AddressKey[] all = AddressKey.range("::/0");
    assertThat(all[0]).isEqualTo(new AddressKey(FLIP, FLIP));
    assertThat(all[1]).isEqualTo(new AddressKey(~FLIP, ~FLIP));
  }

  @Test
  void range_badBlock_isNull() {
    assertThat(AddressKey.range("10.0.0.0/33")).isNull();
    assertThat(AddressKey.range("::/129")).isNull();
    assertThat(AddressKey.range("10.0.0.0/x")).isNull();
    assertThat(AddressKey.range("host/8")).isNull();
  }

  @Test
  void text_everyShapeOfAddress_isTheCanonicalTextInJavaAndSql() throws SQLException {
    List<String> addresses = new ArrayList<>(List.of("0.0.0.0", "10.1.2.3", "192.168.0.255", "255.255.255.255", "::",
        "::1", "1::", "2001:db8::1", "2001:db8:0:1:1:1:1:1", "2001:0:0:1::1", "1:0:0:2::", "fe80::1:0:0:1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "8000::", "7fff::ffff", "1:2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:0", "1:0:2:0:3:0:4:0"));
    Random random = new Random(20);
    for (int i = 0; i < 2000; i++) {
      int[] groups = new int[8];
      for (int g = 0; g < 8; g++) {
        // Mostly zero groups, so runs of every length and position occur.
        groups[g] = random.nextInt(3) == 0 ? random.nextInt(0x10000) : 0;
      }
      addresses.add(rfc5952(groups));
    }
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      AddressKey.registerTextFunction(duckdb);
      try (PreparedStatement render = duckdb.prepareStatement("SELECT " + AddressKey.textSql("?", "?"))) {
        for (String address : addresses) {
          AddressKey key = AddressKey.parse(address);
          assertThat(key.text()).as(address).isEqualTo(address);
          render.setLong(1, key.high());
          render.setLong(2, key.low());
          try (ResultSet row = render.executeQuery()) {
            row.next();
            assertThat(row.getString(1)).as(address).isEqualTo(address);
          }
        }
      }
      // Many rows at once, as a search renders them: every row of a chunk keeps its own address, nulls stay null.
      StringBuilder values = new StringBuilder();
      for (String address : addresses) {
        AddressKey key = AddressKey.parse(address);
        values.append(values.isEmpty() ? "" : ", ").append("(").append(key.high()).append(", ").append(key.low())
            .append("), (NULL, NULL)");
      }
      List<String> rendered = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT " + AddressKey.textSql("hi", "lo") + " FROM (VALUES "
          + values + ") AS v(hi, lo)")) {
        while (rows.next()) {
          rendered.add(rows.getString(1));
        }
      }
      List<String> expected = new ArrayList<>();
      addresses.forEach(address -> {
        expected.add(address);
        expected.add(null);
      });
      assertThat(rendered).isEqualTo(expected);
      try (ResultSet row = statement.executeQuery("SELECT " + AddressKey.textSql("NULL::BIGINT", "NULL::BIGINT"))) {
        row.next();
        assertThat(row.getString(1)).isNull();
      }
    }
  }

  /** RFC 5952 text of eight groups, written independently of the SQL: the first longest run of two or more zeros. */
  private static String rfc5952(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int start = 0; start < 8; start++) {
      int length = 0;
      while (start + length < 8 && groups[start + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = start;
        bestLength = length;
      }
    }
    if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff) {
      return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
    }
    StringBuilder text = new StringBuilder();
    for (int g = 0; g < 8; g++) {
      if (g == bestStart) {
        text.append("::");
        g += bestLength - 1;
        continue;
      }
      if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[g]));
    }
    return text.toString();
  }
}
