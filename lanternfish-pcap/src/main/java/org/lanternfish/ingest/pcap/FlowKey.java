package org.lanternfish.ingest.pcap;

/** The direction-free identity of a flow: protocol and both endpoints in a canonical order. */
record FlowKey(int proto, String lowHost, int lowPort, String highHost, int highPort) {

  /** The key of the flow a packet from {@code src} to {@code dst} belongs to. */
  static FlowKey of(int proto, String src, int srcPort, String dst, int dstPort) {
    int order = src.compareTo(dst);
    if (order < 0 || (order == 0 && srcPort <= dstPort)) {
      return new FlowKey(proto, src, srcPort, dst, dstPort);
    }
    return new FlowKey(proto, dst, dstPort, src, srcPort);
  }
}
