package org.lanternfish.simulate.traffic;

/**
 * The four-tuple of a simulated connection, Zeek's {@code id} fields.
 *
 * @param origHost the address that opened the connection
 * @param origPort its port
 * @param respHost the address that answered
 * @param respPort its port
 */
public record Endpoints(String origHost, int origPort, String respHost, int respPort) {}
