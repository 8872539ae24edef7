package org.lanternfish.respond;

/**
 * A peer and port that a pattern-of-life action leaves a device free to open connections to.
 *
 * @param peer the other end's address
 * @param port its port
 */
public record Reachable(String peer, int port) {}
