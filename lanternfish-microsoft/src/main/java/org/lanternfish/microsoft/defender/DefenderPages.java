package org.lanternfish.microsoft.defender;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.function.Consumer;
import org.lanternfish.microsoft.auth.AuthorizedClient;
import org.lanternfish.microsoft.auth.Resource;
import org.lanternfish.microsoft.http.ApiFailure;
import org.lanternfish.microsoft.http.RateLimit;

/** A paged list of the Defender API, followed through {@code @odata.nextLink}, each call paced by the limit. */
final class DefenderPages {

  private DefenderPages() {}

  /**
   * Hands each item of every page from {@code first} to {@code each}; a next link off {@code defender}'s host is
   * refused, so a token never goes elsewhere.
   */
  static void read(AuthorizedClient client, URI defender, RateLimit limit, URI first, String what,
      String permission, Consumer<JsonNode> each) throws ApiFailure, InterruptedException {
    int pages = 0;
    for (URI page = first; page != null; ) {
      limit.acquire();
      JsonNode body = client.get(Resource.DEFENDER, page, what, permission).json(what);
      pages++;
      JsonNode value = body.get("value");
      if (value == null || !value.isArray()) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, what + ": page " + pages + " has no 'value' array");
      }
      value.forEach(each);
      JsonNode next = body.get("@odata.nextLink");
      page = next == null || next.isNull() ? null : URI.create(next.asText());
      if (page != null && !page.getHost().equalsIgnoreCase(defender.getHost())) {
        throw new ApiFailure(ApiFailure.Kind.BAD_RESPONSE, 200, what + ": page " + pages + " links to "
            + page + ", which is not on " + defender.getHost());
      }
    }
  }
}
