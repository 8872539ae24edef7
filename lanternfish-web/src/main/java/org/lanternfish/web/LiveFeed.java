package org.lanternfish.web;

import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.lanternfish.breach.Breach;
import org.lanternfish.store.Outbox;
import org.lanternfish.store.OutboxEntry;

/**
 * Follows the store's outbox from the entry that was last when the server started and pushes each new breach and
 * incident change to the browsers listening over server-sent events. It needs no stored position: a browser that
 * connects later loads the page as it stands and then only needs what is new. A breach the allowlist hides is pushed
 * marked {@code suppressed}, so pages neither count nor show it.
 */
public final class LiveFeed implements AutoCloseable {
  private static final int PAGE = 500;

  private final Outbox outbox;
  private final Predicate<Breach> hidden;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicLong lastSeq = new AtomicLong();
  private final AtomicLong breachesSeen = new AtomicLong();
  private final Thread poller;
  private volatile boolean running = true;

  /** Starts following {@code outbox}, polling every {@code pollMillis}; breaches {@code hidden} selects are marked. */
  public LiveFeed(Outbox outbox, Predicate<Breach> hidden, long pollMillis) {
    this.outbox = outbox;
    this.hidden = hidden;
    long seq = 0;
    for (List<OutboxEntry> page = outbox.read(0, PAGE); !page.isEmpty(); page = outbox.read(seq, PAGE)) {
      seq = page.get(page.size() - 1).seq();
    }
    lastSeq.set(seq);
    poller = Thread.ofPlatform().daemon().name("lanternfish-live-feed").start(() -> {
      while (running) {
        try {
          Thread.sleep(pollMillis);
          poll();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // A store that is busy or briefly unreadable is tried again on the next poll.
        }
      }
    });
  }

  /** Reads what is new in the outbox and pushes it once (the poller and a caller may both ask); returns how many. */
  public synchronized int poll() {
    int pushed = 0;
    for (List<OutboxEntry> page = outbox.read(lastSeq.get(), PAGE); !page.isEmpty();
        page = outbox.read(lastSeq.get(), PAGE)) {
      for (OutboxEntry entry : page) {
        push(entry);
        lastSeq.set(entry.seq());
        pushed++;
      }
    }
    return pushed;
  }

  /** Adds a browser that listens until it disconnects. */
  public void listen(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendEvent("hello", Map.of("seq", lastSeq.get()));
  }

  /** The last outbox entry read. */
  public long lastSeq() {
    return lastSeq.get();
  }

  /** Breaches pushed since the server started. */
  public long breachesSeen() {
    return breachesSeen.get();
  }

  /** Browsers listening now. */
  public int clients() {
    return clients.size();
  }

  private void push(OutboxEntry entry) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seq", entry.seq());
    String event;
    switch (entry) {
      case OutboxEntry.BreachStored stored -> {
        event = "breach";
        breachesSeen.incrementAndGet();
        data.put("id", stored.breach().id());
        data.put("model", stored.breach().model());
        data.put("device", stored.breach().device());
        data.put("score", stored.breach().score());
        if (hidden.test(stored.breach())) {
          data.put("suppressed", true);
        }
      }
      case OutboxEntry.IncidentUpdated updated -> {
        event = "incident";
        data.put("id", updated.incidentId());
        updated.incident().ifPresent(incident -> {
          data.put("title", incident.title());
          data.put("priority", incident.priority());
        });
        data.put("retired", updated.incident().isEmpty());
      }
    }
    for (SseClient client : clients) {
      try {
        client.sendEvent(event, WebJson.MAPPER.writeValueAsString(data));
      } catch (Exception gone) {
        clients.remove(client);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    clients.forEach(SseClient::close);
  }
}
