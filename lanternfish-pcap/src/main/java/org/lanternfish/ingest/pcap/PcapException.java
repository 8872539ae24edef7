package org.lanternfish.ingest.pcap;

/** A capture could not be imported at all: tshark is missing, or the file is unreadable or not a capture. */
public final class PcapException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with a message meant for the person running the import. */
  public PcapException(String message) {
    super(message);
  }

  /** An error with a message meant for the person running the import, and its cause. */
  public PcapException(String message, Throwable cause) {
    super(message, cause);
  }
}
