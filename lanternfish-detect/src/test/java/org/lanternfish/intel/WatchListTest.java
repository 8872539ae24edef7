package org.lanternfish.intel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class WatchListTest {

  @Test
  void csv_matchesDomainsTheirSubdomainsAndAddresses() {
    WatchList list = new WatchList().addCsv("iocs.csv", """
        indicator,description
        yasuconsulting[.]com,exfiltration site
        158.247.199.185,ShadowPad C2
        # comment
        not an indicator,oops
        """);
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.match("www.yasuconsulting.com")).isEqualTo("exfiltration site");
    assertThat(list.match("YASUCONSULTING.COM")).isEqualTo("exfiltration site");
    assertThat(list.match("158.247.199.185")).isEqualTo("ShadowPad C2");
    assertThat(list.match("consulting.com")).isNull();
    assertThat(list.errors()).containsExactly("iocs.csv:5: not an IP address or domain: 'not an indicator'");
  }

  @Test
  void stix_readsIndicatorPatterns() {
    WatchList list = new WatchList().addStix("feed.json", """
        {"type": "bundle", "objects": [
          {"type": "indicator", "name": "ShadowPad DNS", "pattern": "[domain-name:value = 'cybaq.chtq.net']"},
          {"type": "indicator", "name": "Exfil", "pattern": "[url:value = 'https://tunemmuhendislik.com/upload']"},
          {"type": "malware", "name": "ShadowPad"}]}
        """);
    assertThat(list.match("x1.cybaq.chtq.net")).isEqualTo("ShadowPad DNS");
    assertThat(list.match("tunemmuhendislik.com")).isEqualTo("Exfil");
    assertThat(new WatchList().addStix("empty.json", "{}").errors()).hasSize(1);
  }
}
