package org.lanternfish.store;

import java.util.List;

/** What an AI Analyst investigation asks the stored events about one address over a window of time. */
public interface InvestigationQueries {
  /** Peers and ports {@code address} connected to in the window and never before it, earliest first. */
  List<FirstContact> firstContacts(String address, long fromMicros, long toMicros, int limit);

  /** Credentials (Kerberos clients, NTLM user names) {@code address} used in the window and never before it. */
  List<FirstCredential> firstCredentials(String address, long fromMicros, long toMicros, int limit);

  /**
   * Hosts not marked local that {@code address} sent to in the window and that at most {@code maxSources} addresses
   * ever contacted.
   */
  List<RareHost> rareHosts(String address, long fromMicros, long toMicros, int maxSources, int limit);

  /**
   * A first connection to a peer and port.
   *
   * @param ts the first connection's time, microseconds
   * @param peer the responder's address
   * @param port the responder's port
   * @param uid the first connection's uid
   */
  record FirstContact(long ts, String peer, int port, String uid) {}

  /**
   * A first use of a credential.
   *
   * @param ts its first use, microseconds
   * @param credential the name used
   * @param source the log it was seen in ({@code kerberos} or {@code ntlm})
   * @param uid the first record's uid
   */
  record FirstCredential(long ts, String credential, String source, String uid) {}

  /**
   * A rarely contacted host.
   *
   * @param ts the first connection in the window, microseconds
   * @param peer the host's address
   * @param uid that connection's uid
   * @param bytesSent bytes the address sent it in the window
   */
  record RareHost(long ts, String peer, String uid, long bytesSent) {}
}
