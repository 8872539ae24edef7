package org.lanternfish.microsoft.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Graph alerts made from the documented {@code alerts_v2} sample, with the fields a test varies. */
public final class SampleAlerts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleAlerts() {
  }

  /** The sample alert with its id, update time, severity and device (DNS name and address) replaced. */
  public static ObjectNode alert(String id, String lastUpdate, String severity, String dnsName, String address) {
    try {
      JsonNode page = JSON.readTree(FakeMicrosoft.sample("graph-security-alerts_v2-list-response.json"));
      ObjectNode alert = (ObjectNode) page.get("value").get(0).deepCopy();
      alert.put("id", id).put("providerAlertId", id).put("lastUpdateDateTime", lastUpdate)
          .put("severity", severity)
          .put("alertWebUrl", "https://security.microsoft.com/alerts/" + id + "?tid=" + FakeMicrosoft.TENANT);
      ObjectNode device = (ObjectNode) alert.get("evidence").get(0);
      device.put("deviceDnsName", dnsName).put("mdeDeviceId", "mde-" + dnsName);
      device.putArray("ipInterfaces").add(address);
      return alert;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Graph list page of {@code alerts}, linking to {@code next} when it is not null. */
  public static String page(List<? extends JsonNode> alerts, String next) {
    ObjectNode page = JSON.createObjectNode();
    page.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#security/alerts_v2");
    if (next != null) {
      page.put("@odata.nextLink", next);
    }
    ArrayNode value = page.putArray("value");
    alerts.forEach(value::add);
    return page.toString();
  }
}
