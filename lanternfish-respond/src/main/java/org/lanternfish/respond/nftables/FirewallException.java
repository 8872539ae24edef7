package org.lanternfish.respond.nftables;

/** The firewall could not make a change: nft is missing, refused the script, or did not answer. */
public final class FirewallException extends RuntimeException {

  /** A failure described by {@code message}, which includes what nft said. */
  public FirewallException(String message) {
    super(message);
  }
}
