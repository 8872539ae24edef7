package org.lanternfish.web.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The site's {@code config.toml} as the System Configuration page reads and changes it. Text is checked by
 * detection's own parser before it is written, and written atomically, so detection never starts on a half-written
 * or unreadable file.
 */
public interface SiteConfiguration {
  /** Where the file lives, for people. */
  String location();

  /** The file's text, empty when there is none (the defaults hold). */
  String text();

  /** What {@code text} would configure, or the parser's problem with it; nothing is written. */
  Reading read(String text);

  /** Writes {@code text} in place of the file when it reads without a problem; the file is untouched otherwise. */
  Reading save(String text);

  /**
   * What a text configures, or why it cannot be used: exactly one of the two is set.
   *
   * @param summary what it configures, or null
   * @param problem the parser's problem, or null
   */
  record Reading(Summary summary, Problem problem) {
    /** Whether the text can be used. */
    @JsonProperty("valid")
    public boolean valid() {
      return problem == null;
    }
  }

  /**
   * The parser's problem with a text.
   *
   * @param line the 1-based line it is on, or 0 when the parser does not say
   * @param reason what is wrong
   */
  record Problem(int line, String reason) {}

  /**
   * What a configuration says, in the words of {@code config.toml}.
   *
   * @param internalNetworks networks whose addresses are the site's devices
   * @param vpnNetworks remote-access VPN pools
   * @param names fixed device names by address
   * @param roles device roles by address
   * @param adminCredentials the regular expression of administrative account names
   * @param watchLists the watch-list files, each with the number of indicators it holds
   * @param timeZone the site's time zone
   * @param warnings watch-list lines that were skipped, with file and line
   */
  record Summary(List<String> internalNetworks, List<String> vpnNetworks, Map<String, String> names,
      Map<String, String> roles, String adminCredentials, List<WatchListFile> watchLists, String timeZone,
      List<String> warnings) {}

  /**
   * One watch list.
   *
   * @param path as {@code config.toml} names it
   * @param indicators how many indicators it holds
   */
  record WatchListFile(String path, int indicators) {}
}
