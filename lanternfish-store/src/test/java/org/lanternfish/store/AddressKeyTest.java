package org.lanternfish.store;

import static org.assertj.core.api.Assertions.assertThat;

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
}
