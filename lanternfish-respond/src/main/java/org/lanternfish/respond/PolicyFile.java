package org.lanternfish.respond;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lanternfish.respond.defender.DefenderIsolation;

/**
 * RESPOND's settings file, {@code respond.conf} beside {@code config.toml}, as a live process follows it: its text,
 * read again to notice an edit, and the settings that text makes.
 */
public final class PolicyFile {

  private final Path file;
  private final DefenderIsolation.Connection defender;

  /** The file {@link ResponseSettings#FILE} in {@code dataDir}; {@code defender} opens Defender for its backend. */
  public PolicyFile(Path dataDir, DefenderIsolation.Connection defender) {
    this.file = dataDir.resolve(ResponseSettings.FILE);
    this.defender = defender;
  }

  /** Where the file lives. */
  public Path path() {
    return file;
  }

  /** The file's text, empty when there is none; throws when it cannot be read or is not UTF-8. */
  public String text() throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
  }

  /** The settings {@code text} makes (the shipped ones when empty); throws {@link ResponseSettings.InvalidSettings}. */
  public ResponseSettings settings(String text) {
    return ResponseSettings.parse(file.toString(), text, defender);
  }
}
