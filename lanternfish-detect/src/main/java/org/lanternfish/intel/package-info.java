/** Threat intelligence the core matches against: watch lists of addresses and domains from CSV or STIX 2.1 text. */
package org.lanternfish.intel;
