package org.lanternfish.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConditionTest {

  private static Signal rpc(String operation) {
    return new Signal("rpc", 0, "10.0.0.1", "10.0.0.2").with("operation", operation);
  }

  @Test
  void patternAnswersStayRightWhenTextsRepeatOrShareASlot() {
    Condition c = Condition.parse("operation ~ ^(Aa|Create)");
    // "Aa" and "BB" have the same hash code, so they compete for one remembered answer.
    for (int i = 0; i < 3; i++) {
      assertThat(c.test(rpc("Aa"))).isTrue();
      assertThat(c.test(rpc("BB"))).isFalse();
      assertThat(c.test(rpc(new String("CreateServiceW")))).isTrue();
      assertThat(c.test(rpc("OpenSCManagerW"))).isFalse();
    }
    Condition not = Condition.parse("operation !~ ^Open");
    assertThat(not.test(rpc("OpenSCManagerW"))).isFalse();
    assertThat(not.test(rpc("CreateServiceW"))).isTrue();
    assertThat(not.test(new Signal("rpc", 0, "10.0.0.1", null))).isTrue();
  }

  @Test
  void anyAlternativeMayHold() {
    Condition c = Condition.parse("operation ~ Exec | endpoint = svcctl");
    assertThat(c.test(rpc("ExecMethod"))).isTrue();
    assertThat(c.test(rpc("Open").with("endpoint", "SVCCTL"))).isTrue();
    assertThat(c.test(rpc("Open").with("endpoint", "lsarpc"))).isFalse();
    assertThat(c).hasToString("operation ~ Exec | endpoint = svcctl");
  }

  @Test
  void aTestIsRuledOutOnlyOnAttributesAlreadySettled() {
    Set<String> later = Set.of("device_learning");
    Condition share = Condition.parse("share_admin = true");
    Signal ordinary = rpc("Open").with("share_admin", false);
    assertThat(share.rulesOut(ordinary, later)).isTrue();
    assertThat(share.rulesOut(rpc("Open").with("share_admin", true), later)).isFalse();
    // Not set yet: it may still be set before the signal is judged.
    assertThat(share.rulesOut(rpc("Open"), later)).isFalse();
    // Set now, but replaced before judging.
    Condition learning = Condition.parse("device_learning = false");
    assertThat(learning.rulesOut(rpc("Open").with("device_learning", true), later)).isFalse();
    // Alternatives: out only when every one of them is settled and fails.
    Condition either = Condition.parse("share_admin = true | from_vpn = true");
    assertThat(either.rulesOut(ordinary, later)).isFalse();
    assertThat(either.rulesOut(rpc("Open").with("share_admin", false).with("from_vpn", false), later)).isTrue();
    assertThat(either.rulesOut(rpc("Open").with("share_admin", false).with("from_vpn", true), later)).isFalse();
  }
}
