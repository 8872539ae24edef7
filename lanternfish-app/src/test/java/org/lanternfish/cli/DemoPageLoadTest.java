package org.lanternfish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lanternfish.embedded.ConfigurationFile;
import org.lanternfish.embedded.ModelSwitchFile;
import org.lanternfish.store.DuckDbEventStore;
import org.lanternfish.web.ThreatVisualizer;
import org.lanternfish.web.security.Secret;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Page load times in headless Chromium over a data directory the demo stored (its 4 million records), written to
 * target/page-load-times-demo.txt. Runs only when asked:
 * {@code -Dlanternfish.pageLoad.dataDir=lanternfish-data/demo -Dlanternfish.pageLoad.password=ADMIN_PASSWORD}.
 */
final class DemoPageLoadTest {
  @TempDir Path profile;

  @Test
  void everyPage_onTheDemosData_loadsWithinASecond() throws IOException {
    String dir = System.getProperty("lanternfish.pageLoad.dataDir");
    String password = System.getProperty("lanternfish.pageLoad.password");
    Assumptions.assumeTrue(dir != null && password != null && ThreatVisualizerBrowserTest.chromiumInstalled(),
        "skipped: give -Dlanternfish.pageLoad.dataDir and -Dlanternfish.pageLoad.password to time the demo's pages");
    Map<String, Long> millis = new LinkedHashMap<>();
    try (DuckDbEventStore store = DuckDbEventStore.open(Path.of(dir));
        ThreatVisualizer server = ThreatVisualizer.start(store, new ModelSwitchFile(Path.of(dir)),
            new ConfigurationFile(Path.of(dir)), List.of(), Optional::empty,
            Responding.open(store, Path.of(dir), System.out), Path.of(dir), Secret.of(""), "localhost", 0,
            Clock.systemUTC())) {
      String base = "http://localhost:" + server.port();
      WebDriver browser = ThreatVisualizerBrowserTest.chromium(profile);
      try {
        browser.get(base + "/login");
        millis.put("login", ThreatVisualizerBrowserTest.loadMillis(browser));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).submit();
        List<String> pages = new ArrayList<>(List.of("/", "/incidents", "/breaches", "/breaches?minScore=80",
            "/models", "/devices", "/devices/DESKTOP-O82ILGG", "/devices/10.74.1.10", "/audit",
            "/search?q=type%3Adns+AND+qtype_name%3ATXT", "/search?q=type%3Aconn+AND+id.resp_p%3A445", "/settings",
            "/suppressions", "/breaches?suppressed=only", "/models/backtest?model=smb-drive-write&threshold=80",
            "/tokens", "/respond/policy"));
        for (String path : pages) {
          timed(browser, base + path, path, millis);
        }
        browser.get(base + "/incidents");
        List<String> incidents = browser.findElements(By.cssSelector("tbody a")).stream()
            .map(a -> a.getAttribute("href")).toList();
        for (String incident : incidents) {
          timed(browser, incident, "incident " + incident.substring(incident.lastIndexOf('/') + 1), millis);
        }
        browser.get(incidents.get(0));
        WebElement sentence = browser.findElements(By.cssSelector("a.sentence")).get(1);
        timed(browser, sentence.getAttribute("href"), "records of a sentence", millis);
        browser.get(incidents.get(0));
        timed(browser, browser.findElement(By.cssSelector("a.breach-link")).getAttribute("href"), "breach", millis);
      } finally {
        browser.quit();
      }
    }
    StringBuilder report = new StringBuilder("page load (navigation start to load event end) in headless Chromium,"
        + " 1366x768, over " + dir + "\n");
    millis.forEach((page, ms) -> report.append(String.format("%-48s %5d ms%n", page, ms)));
    Files.writeString(Path.of("target", "page-load-times-demo.txt"), report);
    System.out.print(report);
    assertThat(millis.values()).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
  }

  private static void timed(WebDriver browser, String url, String name, Map<String, Long> millis) {
    browser.get(url);
    millis.put(name, ThreatVisualizerBrowserTest.loadMillis(browser));
  }
}
