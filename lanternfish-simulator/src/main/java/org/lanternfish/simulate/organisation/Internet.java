package org.lanternfish.simulate.organisation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The outside world as the organisation sees it: popular and long-tail domain names and the public address each
 * name resolves to, fixed by the seed.
 */
public final class Internet {
  private static final List<String> POPULAR =
      List.of(
          "login.microsoftonline.com", "outlook.office365.com", "teams.microsoft.com", "www.google.com",
          "settings-win.data.microsoft.com", "www.bing.com", "graph.microsoft.com", "ctldl.windowsupdate.com",
          "clients4.google.com", "update.googleapis.com", "www.linkedin.com", "github.com", "www.youtube.com",
          "fonts.gstatic.com", "edge.microsoft.com", "ocsp.digicert.com", "www.wikipedia.org",
          "api.slack.com", "zoom.us", "www.amazon.com", "cdn.jsdelivr.net", "ajax.googleapis.com",
          "www.salesforce.com", "accounts.google.com", "officeclient.microsoft.com", "nexus.officeapps.live.com",
          "www.reuters.com", "www.bbc.co.uk", "stackoverflow.com", "www.dropbox.com");
  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "tor", "vel", "sun", "ar", "bex", "dal", "fi", "gro", "hal", "is", "jun", "kor",
    "lum", "mar", "nor", "ost", "pra", "quin", "ros", "sta", "tek", "ul", "ven", "wex", "yor", "zen"
  };
  private static final String[] WORDS = {
    "consult", "design", "media", "tech", "market", "travel", "garden", "build", "press", "foods", "labs", "hub",
    "works", "group", "studio", "cloud", "data", "parts", "motors", "health"
  };
  private static final String[] TLDS = {"com", "net", "org", "de", "co.uk", "io", "fr", "it", "nl", "com.tr"};
  private static final int[] FIRST_OCTETS = {13, 20, 23, 34, 40, 52, 63, 81, 93, 104, 142, 151, 157, 185, 195, 203};

  private final long seed;
  private final List<String> tail;

  /** Creates the outside world for {@code seed} with a long tail of {@code tailSize} rarely visited sites. */
  public Internet(long seed, int tailSize) {
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eedL);
    List<String> names = new ArrayList<>(tailSize);
    for (int i = 0; i < tailSize; i++) {
      names.add(randomSite(random));
    }
    this.tail = List.copyOf(names);
  }

  /** A plausible company web site name such as {@code www.velmarconsult.com}, different on every call. */
  public static String randomSite(SplittableRandom random) {
    String stem = SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)];
    String word = WORDS[random.nextInt(WORDS.length)];
    String prefix = random.nextInt(3) == 0 ? "" : "www.";
    return prefix + stem + word + "." + TLDS[random.nextInt(TLDS.length)];
  }

  /** Sites almost everyone visits, most popular first. */
  public List<String> popular() {
    return POPULAR;
  }

  /** Sites few devices visit. */
  public List<String> tail() {
    return tail;
  }

  /** The public IPv4 address {@code name} resolves to: stable for a seed, different across seeds. */
  public String addressOf(String name) {
    long h = mix(seed ^ fnv(name));
    int first = FIRST_OCTETS[(int) Long.remainderUnsigned(h, FIRST_OCTETS.length)];
    return first + "." + ((h >>> 8) & 0xff) + "." + ((h >>> 16) & 0xff) + "." + (1 + ((h >>> 24) & 0xfd));
  }

  /** A stable 64-bit hash of a string, independent of the JVM's {@code String.hashCode}. */
  public static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: spreads the bits of {@code z}. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
