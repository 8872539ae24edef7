package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainsTest {

  @Test
  void registeredDomainIsTheLastTwoLabelsOrThreeUnderACountrysSecondLevel() {
    assertThat(Domains.registered("a.b.Example.COM")).isEqualTo("example.com");
    assertThat(Domains.registered("example.com")).isEqualTo("example.com");
    assertThat(Domains.registered("www.example.com.")).isEqualTo("example.com");
    assertThat(Domains.registered("shop.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(Domains.registered("example.co.uk")).isEqualTo("example.co.uk");
    assertThat(Domains.registered("co.uk")).isEqualTo("co.uk");
    // A two-letter top-level domain under a label that is not a second level keeps two labels.
    assertThat(Domains.registered("cdn.example.io")).isEqualTo("example.io");
  }

  @Test
  void localAndSingleLabelNamesHaveNone() {
    assertThat(Domains.registered("fs01.corp")).isNull();
    assertThat(Domains.registered("dc1.ad.example.local.")).isNull();
    assertThat(Domains.registered("_ldap._tcp.dc._msdcs.lan")).isNull();
    assertThat(Domains.registered("wpad")).isNull();
    assertThat(Domains.registered("wpad.")).isNull();
    assertThat(Domains.registered(".")).isNull();
    assertThat(Domains.registered("")).isNull();
    assertThat(Domains.registered(null)).isNull();
    // A label that only starts like a local suffix is not one.
    assertThat(Domains.registered("shop.homes")).isEqualTo("shop.homes");
  }
}
