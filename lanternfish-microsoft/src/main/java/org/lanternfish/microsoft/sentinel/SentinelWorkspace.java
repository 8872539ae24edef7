package org.lanternfish.microsoft.sentinel;

/**
 * The Log Analytics workspace Microsoft Sentinel runs on, as Azure Resource Manager addresses it.
 *
 * @param subscriptionId the Azure subscription id
 * @param resourceGroup the resource group holding the workspace
 * @param workspace the workspace's name
 */
public record SentinelWorkspace(String subscriptionId, String resourceGroup, String workspace) {

  /** The workspace's Resource Manager path, from {@code /subscriptions/} on. */
  public String path() {
    return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
        + "/providers/Microsoft.OperationalInsights/workspaces/" + workspace;
  }
}
