package org.lanternfish.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

final class NoveltySetTest {

  @Test
  void observe_countsSightingsAndRemembersFirstDay() {
    NoveltySet set = new NoveltySet(100);
    long a = Fingerprint.of("svc", "10.0.0.1");
    assertThat(set.observe(a, 100)).isZero();
    assertThat(set.observe(a, 101)).isEqualTo(1);
    assertThat(set.observe(a, 102)).isEqualTo(2);
    assertThat(set.count(a)).isEqualTo(3);
    assertThat(set.firstDay(a)).isEqualTo(100);
    assertThat(set.count(Fingerprint.of("svc", "10.0.0.2"))).isZero();
    assertThat(set.firstDay(Fingerprint.of("other"))).isEqualTo(-1);
  }

  @Test
  void observe_atTheCapForgetsWhatWasNotSeenForLongest() {
    NoveltySet set = new NoveltySet(50);
    long old = Fingerprint.of("old");
    set.observe(old, 10);
    for (int i = 0; i < 48; i++) {
      set.observe(Fingerprint.of("item" + i), 40);
    }
    long recent = Fingerprint.of("recent");
    set.observe(recent, 41);
    assertThat(set.size()).isEqualTo(50);
    set.observe(Fingerprint.of("overflow"), 42);
    assertThat(set.size()).isLessThanOrEqualTo(50);
    assertThat(set.count(old)).as("forgotten, so new again").isZero();
    assertThat(set.count(recent)).isEqualTo(1);
  }

  @Test
  void write_readGivesTheSameSet() throws IOException {
    NoveltySet set = new NoveltySet(200);
    for (int i = 0; i < 150; i++) {
      set.observe(Fingerprint.of("x" + i), 20_000 + i % 7);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    set.write(new DataOutputStream(bytes));
    NoveltySet copy = NoveltySet.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 200);
    assertThat(copy.size()).isEqualTo(150);
    for (int i = 0; i < 150; i++) {
      assertThat(copy.count(Fingerprint.of("x" + i))).isEqualTo(1);
      assertThat(copy.firstDay(Fingerprint.of("x" + i))).isEqualTo(20_000 + i % 7);
    }
  }

  @Test
  void observe_countSaturatesInsteadOfWrappingAround() {
    NoveltySet set = new NoveltySet(10);
    long a = Fingerprint.of("busy");
    for (int i = 0; i < 1000; i++) {
      set.observe(a, 20_000);
    }
    assertThat(set.count(a)).isEqualTo(NoveltySet.MAX_COUNT);
    assertThat(set.observe(a, 20_001)).as("still seen before").isEqualTo(NoveltySet.MAX_COUNT);
  }

  @Test
  void observe_yearsLaterKeepsRecentItemsAndForgetsOnesThatFellOffTheRange() {
    NoveltySet set = new NoveltySet(100);
    long ancient = Fingerprint.of("ancient");
    long steady = Fingerprint.of("steady");
    set.observe(ancient, 10_000);
    set.observe(steady, 10_000);
    set.observe(steady, 13_000);
    set.observe(Fingerprint.of("much later"), 15_000);
    assertThat(set.count(ancient)).as("last seen 5,000 days ago: beyond the range, new again").isZero();
    assertThat(set.count(steady)).isEqualTo(2);
    assertThat(set.firstDay(steady)).as("first day clamps to the oldest day still in range")
        .isBetween(10_000, 13_000);
    assertThat(set.firstDay(Fingerprint.of("much later"))).isEqualTo(15_000);
  }

  @Test
  void observe_aBusyDayOfOneOffItems_neverPushesOutWhatTheDeviceDoesAllDay() {
    NoveltySet set = new NoveltySet(96);
    long credential = Fingerprint.of("cred", "adm-anna.novak");
    for (int i = 0; i < 1000; i++) {
      set.observe(Fingerprint.of("svc", "10.0." + i / 250 + "." + i % 250), 20_000);
      if (i % 10 == 0) {
        set.observe(credential, 20_000);
      }
    }
    assertThat(set.size()).isLessThanOrEqualTo(96);
    assertThat(set.count(credential)).as("used all day, never forgotten").isEqualTo(100);
  }
}
