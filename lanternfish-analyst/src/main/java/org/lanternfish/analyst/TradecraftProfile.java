package org.lanternfish.analyst;

import java.util.List;

/** An actor's tradecraft as a list of markers, such as payload folders or DCSync use, parsed from editable text. */
record TradecraftProfile(String name, List<Marker> markers) {

  TradecraftProfile {
    markers = List.copyOf(markers);
  }
}
