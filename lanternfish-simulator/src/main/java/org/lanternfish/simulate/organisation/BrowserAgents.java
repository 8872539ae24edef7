package org.lanternfish.simulate.organisation;

/** User-Agent headers of the browsers and system agents on the organisation's Windows clients. */
public final class BrowserAgents {
  /** The agent Windows Update's delivery optimisation sends. */
  public static final String DELIVERY_OPTIMIZATION = "Microsoft-Delivery-Optimization/10.0";

  /** The agent Windows sends when it fetches certificate revocation lists. */
  public static final String CRYPTO_API = "Microsoft-CryptoAPI/10.0";

  private BrowserAgents() {}

  /** The User-Agent of browser {@code kind} (0 Chrome, 1 Edge, 2 Firefox) at {@code major} version. */
  public static String agent(int kind, int major) {
    String windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";
    return switch (kind) {
      case 0 -> windows + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major + ".0.0.0 Safari/537.36";
      case 1 ->
          windows + " AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + major + ".0.0.0 Safari/537.36 Edg/" + major
              + ".0.0.0";
      default -> "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:" + major + ".0) Gecko/20100101 Firefox/" + major + ".0";
    };
  }

  /** Which browser kind an agent string belongs to, the inverse of {@link #agent}. */
  public static int kind(String agent) {
    return agent.contains("Firefox") ? 2 : agent.contains("Edg/") ? 1 : 0;
  }
}
