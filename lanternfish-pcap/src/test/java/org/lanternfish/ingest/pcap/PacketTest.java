package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.Event;

final class PacketTest {

  /** A tshark output line with the given columns set and every other column empty. */
  static String line(Map<Field, String> values) {
    StringBuilder line = new StringBuilder();
    for (Field field : Field.values()) {
      if (field.ordinal() > 0) {
        line.append('\t');
      }
      line.append(values.getOrDefault(field, ""));
    }
    return line.toString();
  }

  @Test
  void parse_keepsMicrosecondsWithoutFloatingPointLoss() {
    Map<Field, String> values = new EnumMap<>(Field.class);
    values.put(Field.TIME, "1596607760.717187999");

    assertThat(Packet.parse(line(values)).ts()).isEqualTo(1_596_607_760_717_187L);
  }

  @Test
  void parse_rejectsLinesWithTheWrongColumnCountOrNoTime() {
    Map<Field, String> values = new EnumMap<>(Field.class);
    values.put(Field.TIME, "12.5");

    assertThat(Packet.parse(line(values) + "\textra")).isNull();
    assertThat(Packet.parse("12.5\tonly two")).isNull();
    assertThat(Packet.parse(line(Map.of()))).isNull();
    assertThat(Packet.parse(line(values)).ts()).isEqualTo(12_500_000L);
  }

  @Test
  void all_splitsOccurrencesOnTheAggregator() {
    Map<Field, String> values = new EnumMap<>(Field.class);
    values.put(Field.TIME, "1");
    values.put(Field.DCERPC_UUID, "a,b" + Field.AGGREGATOR + "c");
    Packet packet = Packet.parse(line(values));

    assertThat(packet.all(Field.DCERPC_UUID)).containsExactly("a,b", "c");
    assertThat(packet.first(Field.DCERPC_UUID)).isEqualTo("a,b");
    assertThat(packet.all(Field.DNS_QUERY)).isEmpty();
    assertThat(packet.first(Field.DNS_QUERY)).isNull();
  }

  @Test
  void number_readsDecimalAndHexAndFlagsGarbage() {
    assertThat(Packet.number("0x0012")).isEqualTo(0x12);
    assertThat(Packet.number("0xc000019c")).isEqualTo(0xc000019cL);
    assertThat(Packet.number("445")).isEqualTo(445);
    assertThat(Packet.number("n/a")).isEqualTo(Event.UNSET);
    assertThat(Packet.number(null)).isEqualTo(Event.UNSET);
  }
}
