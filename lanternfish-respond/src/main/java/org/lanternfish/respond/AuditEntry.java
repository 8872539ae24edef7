package org.lanternfish.respond;

/**
 * One change to an action, who or what made it, and why.
 *
 * @param ts when, in microseconds since the Unix epoch
 * @param actor a user name, or {@code policy:<rule>} for an autonomous action
 * @param change what happened: created, confirmed, extended, cleared, expired, failed, refused
 * @param note the reason given, or null
 */
public record AuditEntry(long ts, String actor, String change, String note) {}
