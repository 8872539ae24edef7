package org.lanternfish.simulate;

/** How the simulator writes Zeek logs: tab-separated with headers (Zeek's default) or one JSON object a line. */
public enum Format {
  TSV,
  JSON
}
