package org.lanternfish.ingest.pcap;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import org.lanternfish.event.Event;
import org.lanternfish.event.HttpEvent;

/** Pairs HTTP requests with responses in order on each flow and writes one http record per request. */
final class HttpDecoder extends FlowDecoder<HttpDecoder.Requests> {

  /** Requests of one flow still waiting for their response, and how many the flow carried so far. */
  static final class Requests {
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private long depth;
  }

  private record Request(
      long ts, long depth, String method, String host, String uri, String referrer, String version,
      String userAgent, long bodyLength) {}

  @Override
  boolean accepts(Packet packet) {
    return packet.has(Field.HTTP_METHOD) || packet.has(Field.HTTP_STATUS);
  }

  @Override
  Requests newState() {
    return new Requests();
  }

  @Override
  void decode(Packet packet, Flow flow, boolean fromOrig, Consumer<Event> sink) {
    if (flow.proto != Flow.TCP) {
      return; // HTTP over UDP is SSDP discovery, which Zeek does not log as http either.
    }
    Requests requests = state(flow);
    String method = packet.first(Field.HTTP_METHOD);
    if (method != null) {
      String version = packet.first(Field.HTTP_VERSION);
      long length = packet.firstLong(Field.HTTP_CONTENT_LENGTH);
      requests.pending.add(new Request(packet.ts(), ++requests.depth, method, packet.first(Field.HTTP_HOST),
          packet.first(Field.HTTP_URI), packet.first(Field.HTTP_REFERER),
          version != null && version.startsWith("HTTP/") ? version.substring(5) : version,
          packet.first(Field.HTTP_USER_AGENT), Math.max(0, length)));
      if (requests.pending.size() > MAX_PENDING) {
        emitUnanswered(flow, requests.pending.poll(), sink);
      }
      return;
    }
    long status = packet.firstLong(Field.HTTP_STATUS);
    if (status >= 100 && status < 200) {
      return; // Interim responses such as 100 Continue precede the real answer to the same request.
    }
    Request request = requests.pending.poll();
    if (request == null) {
      return;
    }
    String mime = packet.first(Field.HTTP_CONTENT_TYPE);
    if (mime != null && mime.indexOf(';') >= 0) {
      mime = mime.substring(0, mime.indexOf(';')).trim();
    }
    sink.accept(new HttpEvent(request.ts, flow.uid, flow.id, request.depth, request.method, request.host,
        request.uri, request.referrer, request.version, request.userAgent, request.bodyLength,
        bodyLength(packet), status, packet.first(Field.HTTP_PHRASE), null, mime == null ? null : List.of(mime)));
  }

  @Override
  void finish(Flow flow, Requests requests, Consumer<Event> sink) {
    for (Request request : requests.pending) {
      emitUnanswered(flow, request, sink);
    }
  }

  private static void emitUnanswered(Flow flow, Request request, Consumer<Event> sink) {
    sink.accept(new HttpEvent(request.ts, flow.uid, flow.id, request.depth, request.method, request.host,
        request.uri, request.referrer, request.version, request.userAgent, request.bodyLength, 0,
        Event.UNSET, null, null, null));
  }

  /** The body length from Content-Length, or the sum of the chunks of a chunked body. */
  private static long bodyLength(Packet packet) {
    long length = packet.firstLong(Field.HTTP_CONTENT_LENGTH);
    if (length >= 0) {
      return length;
    }
    long chunked = 0;
    for (String chunk : packet.all(Field.HTTP_CHUNK_SIZE)) {
      chunked += Math.max(0, Packet.number(chunk));
    }
    return chunked;
  }
}
