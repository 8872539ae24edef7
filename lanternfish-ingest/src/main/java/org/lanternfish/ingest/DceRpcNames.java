package org.lanternfish.ingest;

import java.util.Map;

/**
 * Names of the DCE-RPC interfaces and operations the detection stories need (DCSync, service creation, WMI), in the
 * words Zeek's dce_rpc.log uses, for Suricata records that carry only a UUID and an opnum. Others are written as
 * Zeek writes unknown ones: {@code unknown-<uuid>} and {@code unknown-<opnum>}.
 */
final class DceRpcNames {
  private static final Map<String, String> ENDPOINTS = Map.ofEntries(
      Map.entry("e3514235-4b06-11d1-ab04-00c04fc2dcd2", "drsuapi"),
      Map.entry("367abb81-9844-35f1-ad32-98f038001003", "svcctl"),
      Map.entry("9556dc99-828c-11cf-a37e-00aa003240c7", "IWbemServices"),
      Map.entry("f309ad18-d86a-11d0-a075-00c04fb68820", "IWbemLevel1Login"),
      Map.entry("12345778-1234-abcd-ef00-0123456789ac", "samr"),
      Map.entry("12345778-1234-abcd-ef00-0123456789ab", "lsarpc"),
      Map.entry("12345678-1234-abcd-ef00-01234567cffb", "netlogon"),
      Map.entry("e1af8308-5d1f-11c9-91a4-08002b14a0fa", "epmapper"),
      Map.entry("4b324fc8-1670-01d3-1278-5a47bf6ee188", "srvsvc"),
      Map.entry("338cd001-2244-31f1-aaaa-900038001003", "winreg"),
      Map.entry("86d35949-83c9-4044-b424-db363231fd0c", "ITaskSchedulerService"),
      Map.entry("1ff70682-0a51-30e8-076d-740be8cee98b", "atsvc"));

  private static final Map<String, String[]> OPERATIONS = Map.of(
      "drsuapi", new String[] {"DRSBind", "DRSUnbind", "DRSReplicaSync", "DRSGetNCChanges", "DRSUpdateRefs"},
      "svcctl", new String[] {"CloseServiceHandle", "ControlService", "DeleteService", "LockServiceDatabase",
          "QueryServiceObjectSecurity", "SetServiceObjectSecurity", "QueryServiceStatus", "SetServiceStatus",
          "UnlockServiceDatabase", "NotifyBootConfigStatus", "ScSetServiceBitsW", "ChangeServiceConfigW",
          "CreateServiceW", "EnumDependentServicesW", "EnumServicesStatusW", "OpenSCManagerW", "OpenServiceW",
          "QueryServiceConfigW", "QueryServiceLockStatusW", "StartServiceW"},
      "IWbemServices", new String[] {"QueryInterface", "AddRef", "Release", "OpenNamespace", "CancelAsyncCall",
          "QueryObjectSink", "GetObject", "GetObjectAsync", "PutClass", "PutClassAsync", "DeleteClass",
          "DeleteClassAsync", "CreateClassEnum", "CreateClassEnumAsync", "PutInstance", "PutInstanceAsync",
          "DeleteInstance", "DeleteInstanceAsync", "CreateInstanceEnum", "CreateInstanceEnumAsync", "ExecQuery",
          "ExecQueryAsync", "ExecNotificationQuery", "ExecNotificationQueryAsync", "ExecMethod",
          "ExecMethodAsync"});

  private DceRpcNames() {}

  /** Zeek's name of an interface UUID, or null when no bind was seen. */
  static String endpoint(String uuid) {
    return uuid == null ? null : ENDPOINTS.getOrDefault(uuid, "unknown-" + uuid);
  }

  /** Zeek's name of an operation of the interface bound to the flow. */
  static String operation(String uuid, long opnum) {
    String endpoint = uuid == null ? null : ENDPOINTS.get(uuid);
    String[] names = endpoint == null ? null : OPERATIONS.get(endpoint);
    return names != null && opnum >= 0 && opnum < names.length ? names[(int) opnum] : "unknown-" + opnum;
  }
}
