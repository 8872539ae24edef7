package org.lanternfish.simulate.traffic;

/**
 * One file operation inside an SMB session.
 *
 * @param name path of the file relative to the share, such as {@code ProgramData\Oracle\java.log}
 * @param write true for a write (upload to the server), false for a read
 * @param bytes bytes moved
 */
public record SmbOp(String name, boolean write, long bytes) {}
