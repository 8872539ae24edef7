package org.lanternfish.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

final class AlertPatternTest {
  private static final long EXECUTION = Fingerprint.of("execution");
  private static final long CREDENTIALS = Fingerprint.of("credentialaccess");
  private static final int DAY = 20_000;

  /** Two weeks of one Execution alert a day, from a device known for those two weeks. */
  private static AlertPattern usual() {
    AlertPattern p = new AlertPattern();
    for (int d = 0; d < 14; d++) {
      assertThat(p.observe(EXECUTION, DAY + d, d).unusual()).as("day %d", d).isFalse();
    }
    return p;
  }

  @Test
  void observe_theUsualAlert_staysQuiet() {
    AlertPattern.Deviation d = usual().observe(EXECUTION, DAY + 14, 14);
    assertThat(d.unusual()).isFalse();
    assertThat(d.usualPerDay()).isEqualTo(1.0);
    assertThat(d.today()).isEqualTo(1);
  }

  @Test
  void observe_aNewCategory_isUnusualOnce() {
    AlertPattern p = usual();
    AlertPattern.Deviation d = p.observe(CREDENTIALS, DAY + 14, 14);
    assertThat(d.newCategory()).isTrue();
    assertThat(d.burst()).isFalse();
    assertThat(d.knownCategories()).isEqualTo(1);
    assertThat(p.observe(CREDENTIALS, DAY + 15, 15).unusual()).as("learned now").isFalse();
  }

  @Test
  void observe_aBurst_isReportedOnceADay() {
    AlertPattern p = usual();
    for (int i = 1; i <= 4; i++) {
      assertThat(p.observe(EXECUTION, DAY + 14, 14).burst()).as("alert %d of the day", i).isFalse();
    }
    AlertPattern.Deviation fifth = p.observe(EXECUTION, DAY + 14, 14);
    assertThat(fifth.burst()).isTrue();
    assertThat(fifth.today()).isEqualTo(5);
    assertThat(p.observe(EXECUTION, DAY + 14, 14).burst()).as("the same day's burst, told once").isFalse();
  }

  @Test
  void observe_whileLearning_nothingIsUnusual() {
    AlertPattern p = new AlertPattern();
    p.observe(EXECUTION, DAY, 3);
    assertThat(p.observe(CREDENTIALS, DAY, 3).unusual()).isFalse();
    for (int i = 0; i < 10; i++) {
      assertThat(p.observe(EXECUTION, DAY, 3).unusual()).isFalse();
    }
  }

  @Test
  void observe_aQuietDevicesFirstAlerts_areNoNewCategoryButABurstStillCounts() {
    AlertPattern p = new AlertPattern();
    assertThat(p.observe(EXECUTION, DAY + 30, 30).unusual()).as("nothing to deviate from yet").isFalse();
    for (int i = 0; i < 3; i++) {
      p.observe(EXECUTION, DAY + 30, 30);
    }
    assertThat(p.observe(EXECUTION, DAY + 30, 30).burst()).isTrue();
  }

  @Test
  void write_read_keepsThePattern() throws Exception {
    AlertPattern p = usual();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    p.write(new DataOutputStream(bytes));
    AlertPattern copy = AlertPattern.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(copy.observe(CREDENTIALS, DAY + 14, 14).newCategory()).isTrue();
    assertThat(copy.observe(EXECUTION, DAY + 14, 14).usualPerDay()).isEqualTo(1.0);
  }
}
