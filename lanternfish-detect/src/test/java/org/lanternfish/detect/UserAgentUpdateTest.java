package org.lanternfish.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lanternfish.breach.Breach;
import org.junit.jupiter.api.Test;

/**
 * A browser that updates itself speaks to internal servers with an agent no device used yet; that is no new tool. An
 * old browser's agent on a device that runs a newer one, or a tool's, is.
 */
final class UserAgentUpdateTest {

  private static final String NEW_AGENT = "new-user-agent-to-internal-server";

  private static String chrome(String version) {
    return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + version
        + " Safari/537.36";
  }

  private static String firefox(int major) {
    return "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:" + major + ".0) Gecko/20100101 Firefox/" + major + ".0";
  }

  /** Three days of office life in which client 11 browses the intranet with {@code agent} every hour. */
  private static Traffic browsing(String agent) {
    Traffic t = new Traffic();
    Office.life(t, 0, 4);
    for (int day = 0; day < 3; day++) {
      for (int hour = 9; hour < 17; hour++) {
        t.http(Traffic.at(day, hour, 40), Office.client(11), Office.INTRANET, "intranet.corp.local", agent);
      }
    }
    return t;
  }

  private static List<Breach> newAgents(Traffic t) {
    return Office.detect(t.events).stream().filter(b -> b.modelId().equals(NEW_AGENT)).toList();
  }

  @Test
  void browserUpdatedToAVersionNoDeviceUsedYet_isNoNewAgent_atAnyServer() {
    Traffic chrome = browsing(chrome("122.0.0.0"));
    chrome.http(Traffic.at(3, 9, 40), Office.client(11), Office.INTRANET, "intranet.corp.local", chrome("123.0.0.0"));
    chrome.http(Traffic.at(3, 10, 40), Office.client(11), Office.FS, "fs.corp.local", chrome("123.0.0.0"));
    assertThat(newAgents(chrome)).isEmpty();
    Traffic firefox = browsing(firefox(121));
    firefox.http(Traffic.at(3, 9, 40), Office.client(11), Office.INTRANET, "intranet.corp.local", firefox(123));
    assertThat(newAgents(firefox)).as("a release skipped, its version repeated in rv:").isEmpty();
  }

  @Test
  void anOldBrowsersAgentOnADeviceRunningANewerOne_breaches() {
    Traffic t = browsing(chrome("123.0.0.0"));
    t.http(Traffic.at(3, 9, 40), Office.client(11), Office.INTRANET, "intranet.corp.local",
        chrome("96.0.4664.45"));
    assertThat(newAgents(t)).singleElement().satisfies(b -> {
      assertThat(b.device()).isEqualTo(Office.client(11));
      assertThat(b.score()).isGreaterThanOrEqualTo(55);
    });
  }

  @Test
  void aToolsAgentBesideTheUpdatedBrowser_breaches() {
    Traffic t = browsing(chrome("122.0.0.0"));
    t.http(Traffic.at(3, 9, 40), Office.client(11), Office.INTRANET, "intranet.corp.local", chrome("123.0.0.0"));
    t.http(Traffic.at(3, 9, 45), Office.client(11), Office.INTRANET, "intranet.corp.local", "python-requests/2.31");
    assertThat(newAgents(t)).singleElement()
        .satisfies(b -> assertThat(b.entities()).containsEntry("user_agent", "python-requests/2.31"));
  }
}
