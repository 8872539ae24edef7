package org.lanternfish.event;

/**
 * The endpoints of a flow, named as Zeek names them: the originator opened it, the responder answered.
 *
 * @param origHost originator address in Zeek's text form (IPv4 dotted quad or compressed IPv6)
 * @param origPort originator port, or {@link Event#UNSET}
 * @param respHost responder address
 * @param respPort responder port, or {@link Event#UNSET}
 */
public record FlowId(String origHost, int origPort, String respHost, int respPort) {}
