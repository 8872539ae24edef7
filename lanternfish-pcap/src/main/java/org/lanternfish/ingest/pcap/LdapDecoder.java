package org.lanternfish.ingest.pcap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.LdapSearchEvent;

/**
 * Pairs LDAP search requests with their entries and completion and writes one ldap_search record each, as Zeek's
 * LDAP analyzer does. tshark names the terms of a filter but not its shape, so the filter is written as the
 * conjunction of its equality and presence terms, such as {@code (&(objectCategory=group)(sAMAccountName=Domain
 * Admins))}. Sealed (SASL-encrypted) LDAP shows no operations and writes nothing.
 */
final class LdapDecoder extends FlowDecoder<LdapDecoder.Searches> {

  private static final long SEARCH_REQUEST = 3;
  private static final long SEARCH_ENTRY = 4;
  private static final long SEARCH_DONE = 5;

  /** The searches of one flow still waiting for their completion, by message id. */
  static final class Searches {
    private final Map<Long, Search> pending = new HashMap<>();
  }

  private static final class Search {
    final long ts;
    final long messageId;
    final String scope;
    final String base;
    final String filter;
    final List<String> attributes;
    long entries;

    Search(long ts, long messageId, String scope, String base, String filter, List<String> attributes) {
      this.ts = ts;
      this.messageId = messageId;
      this.scope = scope;
      this.base = base;
      this.filter = filter;
      this.attributes = attributes;
    }
  }

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.LDAP_OP);
  }

  @Override
  Searches newState() {
    return new Searches();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    String[] ops = packet.all(Field.LDAP_OP);
    String[] ids = packet.all(Field.LDAP_MESSAGE_ID);
    Searches searches = state(flow);
    for (int i = 0; i < ops.length; i++) {
      long op = Packet.number(ops[i]);
      long id = Packet.number(Packet.at(ids, i));
      if (op == SEARCH_REQUEST && fromOrig) {
        Search old = searches.pending.put(id, new Search(packet.ts(), id, scope(packet.first(Field.LDAP_SCOPE)),
            packet.first(Field.LDAP_BASE), filter(packet), Arrays.asList(packet.all(Field.LDAP_ATTRIBUTES))));
        if (old != null) {
          sink.accept(record(flow, old, null));
        }
      } else if (op == SEARCH_ENTRY && !fromOrig) {
        Search s = searches.pending.get(id);
        if (s != null) {
          s.entries++;
        }
      } else if (op == SEARCH_DONE && !fromOrig) {
        Search s = searches.pending.remove(id);
        if (s != null) {
          sink.accept(record(flow, s, result(packet.firstLong(Field.LDAP_RESULT))));
        }
      }
    }
  }

  @Override
  void finish(Flow flow, Searches searches, Consumer<Event> sink) {
    searches.pending.values().stream().sorted((a, b) -> Long.compare(a.ts, b.ts))
        .forEach(s -> sink.accept(record(flow, s, null)));
  }

  private static LdapSearchEvent record(Flow flow, Search s, String result) {
    return new LdapSearchEvent(s.ts, flow.uid, flow.id, s.messageId, s.scope, null, s.base,
        result == null ? Event.UNSET : s.entries, result, null, s.filter, s.attributes);
  }

  /** The filter's equality and presence terms as one conjunction, or null when it has none. */
  static String filter(Packet packet) {
    String[] names = packet.all(Field.LDAP_FILTER_ATTRIBUTE);
    String[] values = packet.all(Field.LDAP_FILTER_VALUE);
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      terms.add("(" + names[i] + "=" + (i < values.length ? values[i] : "*") + ")");
    }
    for (String present : packet.all(Field.LDAP_FILTER_PRESENT)) {
      terms.add("(" + present + "=*)");
    }
    if (terms.isEmpty()) {
      return null;
    }
    return terms.size() == 1 ? terms.getFirst() : "(&" + String.join("", terms) + ")";
  }

  /** Zeek's names for the search scopes. */
  private static String scope(String value) {
    return value == null ? null : switch ((int) Packet.number(value)) {
      case 0 -> "base";
      case 1 -> "single";
      case 2 -> "tree";
      default -> value;
    };
  }

  private static String result(long code) {
    return switch ((int) code) {
      case 0 -> "success";
      case 32 -> "noSuchObject";
      case 49 -> "invalidCredentials";
      case 50 -> "insufficientAccessRights";
      default -> code < 0 ? null : "result " + code;
    };
  }
}
