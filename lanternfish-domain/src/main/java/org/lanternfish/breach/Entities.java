package org.lanternfish.breach;

import java.util.Set;

/**
 * The kinds of entity a breach may carry in {@link Breach#entities()}, defined in one place: detection writes only
 * these keys, and the AI Analyst, the store and the outer wings read them by these names.
 */
public final class Entities {

  /** An account name used to log on. */
  public static final String CREDENTIAL = "credential";
  /** A file name or path. */
  public static final String FILE = "file";
  /** A registered domain. */
  public static final String DOMAIN = "domain";
  /** The other endpoint as the breach's peer names it (device id, address or domain). */
  public static final String DESTINATION = "destination";
  /** An HTTP user agent. */
  public static final String USER_AGENT = "user_agent";
  /** The breaching device's host name when known. */
  public static final String DEVICE_NAME = "device_name";
  /** The breaching device's address at the time. */
  public static final String DEVICE_IP = "device_ip";
  /** The internal peer's host name when known. */
  public static final String PEER_NAME = "peer_name";
  /** The internal peer's address, for a peer known only by its network card. */
  public static final String PEER_IP = "peer_ip";
  /** The address of the other end of the record behind the breach, whatever the peer's kind. */
  public static final String PEER_ADDRESS = "peer_address";
  /** The responder's port of the record behind the breach: the service the connection used. */
  public static final String SERVICE_PORT = "service_port";
  /** The account of the VPN logon a device in the VPN pool is tied to. */
  public static final String VPN_USER = "vpn_user";
  /** The threat actor an integration alert names. */
  public static final String ACTOR = "actor";

  /** Every kind above. */
  public static final Set<String> KINDS = Set.of(CREDENTIAL, FILE, DOMAIN, DESTINATION, USER_AGENT, DEVICE_NAME,
      DEVICE_IP, PEER_NAME, PEER_IP, PEER_ADDRESS, SERVICE_PORT, VPN_USER, ACTOR);

  private Entities() {}
}
