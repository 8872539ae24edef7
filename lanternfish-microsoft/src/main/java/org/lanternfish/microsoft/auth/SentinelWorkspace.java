package org.lanternfish.microsoft.auth;

import java.net.URI;

/**
 * The Log Analytics workspace Microsoft Sentinel runs on, as Azure Resource Manager addresses it.
 *
 * @param subscriptionId the Azure subscription id
 * @param resourceGroup the resource group holding the workspace
 * @param workspace the workspace's name
 */
public record SentinelWorkspace(String subscriptionId, String resourceGroup, String workspace) {
  /** The Azure role the application needs on the workspace to list its incidents. */
  public static final String READER_ROLE = "Microsoft Sentinel Reader (role on the workspace)";
  /** The version of the Sentinel incidents API Lanternfish reads. */
  public static final String API_VERSION = "2024-03-01";

  /** The workspace's Resource Manager path, from {@code /subscriptions/} on. */
  public String path() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.OperationalInsights/workspaces/" + workspace;
  }

  /** The list of the workspace's incidents at the Resource Manager endpoint {@code management}, query to follow. */
  public URI incidents(URI management, String query) {
    return URI.create(management + path() + "/providers/Microsoft.SecurityInsights/incidents?api-version="
        + API_VERSION + query);
  }
}
