package org.lanternfish.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class UserBookTest {
  @TempDir Path directory;

  @Test
  void ensureAdmin_withoutPassword_generatesOneShownOnce_thatWorksAfterReopening() {
    Optional<Secret> generated = UserBook.open(directory).ensureAdmin(Secret.of(""));
    assertThat(generated).isPresent();
    assertThat(generated.get().reveal()).hasSizeGreaterThanOrEqualTo(20);
    UserBook reopened = UserBook.open(directory);
    assertThat(reopened.ensureAdmin(Secret.of(""))).isEmpty();
    assertThat(reopened.authenticate("admin", generated.get())).hasValue(new User("admin", Role.ADMIN));
    assertThat(reopened.authenticate("admin", Secret.of("wrong"))).isEmpty();
  }

  @Test
  void ensureAdmin_withPassword_usesIt_andRefusesAShortOne() {
    assertThat(UserBook.open(directory).ensureAdmin(Secret.of("from-the-environment"))).isEmpty();
    assertThat(UserBook.open(directory).authenticate("admin", Secret.of("from-the-environment"))).isPresent();
    assertThatThrownBy(() -> UserBook.open(directory.resolve("other")).ensureAdmin(Secret.of("short")))
        .hasMessageContaining("8 to 72 bytes");
  }

  @Test
  void byToken_findsItsUser_untilAnotherTokenIsAsked() {
    UserBook users = UserBook.open(directory);
    User ana = users.add("ana", Role.ANALYST, Secret.of("analyst-password"));
    Secret token = users.issueToken(ana, "script").token();
    assertThat(UserBook.open(directory).byToken(token)).hasValue(ana);
    assertThat(users.byToken(Secret.of(token.reveal() + "x"))).isEmpty();
    assertThatThrownBy(() -> users.add("bad name!", Role.VIEWER, Secret.of("long-enough")))
        .hasMessageContaining("user name");
  }
}
