package org.lanternfish.microsoft.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's {@code security/alerts_v2}: the alerts it holds (replaced when one is updated), filtered by the
 * request's {@code lastUpdateDateTime ge} and served {@link #pageSize} a page with {@code @odata.nextLink}.
 */
public final class AlertsEndpoint implements Function<HttpExchange, FakeMicrosoft.Reply> {
  /** The path Graph serves alerts on. */
  public static final String PATH = "/v1.0/security/alerts_v2";
  private static final Pattern SINCE = Pattern.compile("lastUpdateDateTime ge ([^&\\s]+)");
  private static final Pattern SKIP = Pattern.compile("\\$skiptoken=(\\d+)");

  private final FakeMicrosoft fake;
  private final List<ObjectNode> alerts = new ArrayList<>();
  private final int pageSize;
  private final List<String> filters = new ArrayList<>();

  /** Serves on {@code fake}, {@code pageSize} alerts a page. */
  public AlertsEndpoint(FakeMicrosoft fake, int pageSize) {
    this.fake = fake;
    this.pageSize = pageSize;
    fake.on(PATH, this);
  }

  /** Adds an alert, or replaces the one with its id. */
  public synchronized void put(ObjectNode alert) {
    alerts.removeIf(a -> a.get("id").asText().equals(alert.get("id").asText()));
    alerts.add(alert);
  }

  /** The {@code $filter} of every first-page request so far. */
  public synchronized List<String> filters() {
    return List.copyOf(filters);
  }

  @Override
  public synchronized FakeMicrosoft.Reply apply(HttpExchange exchange) {
    String query = URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()), StandardCharsets.UTF_8);
    Matcher since = SINCE.matcher(query);
    Instant from = since.find() ? Instant.parse(since.group(1)) : Instant.MIN;
    Matcher skip = SKIP.matcher(query);
    int start = skip.find() ? Integer.parseInt(skip.group(1)) : 0;
    if (start == 0) {
      filters.add(since.find(0) ? since.group() : "");
    }
    List<ObjectNode> matching = alerts.stream()
        .filter(a -> !Instant.parse(a.get("lastUpdateDateTime").asText()).isBefore(from))
        .sorted(Comparator.comparing(a -> a.get("id").asText())).toList();
    int end = Math.min(matching.size(), start + pageSize);
    String next = end < matching.size()
        ? fake.uri() + PATH + "?$filter=" + java.net.URLEncoder.encode("lastUpdateDateTime ge " + from,
            StandardCharsets.UTF_8).replace("+", "%20") + "&$skiptoken=" + end
        : null;
    return FakeMicrosoft.Reply.json(200, SampleAlerts.page(matching.subList(start, end), next));
  }
}
