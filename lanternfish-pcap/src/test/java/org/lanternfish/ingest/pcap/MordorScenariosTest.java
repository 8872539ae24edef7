package org.lanternfish.ingest.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.event.DceRpcEvent;
import org.lanternfish.event.Event;
import org.lanternfish.event.HttpEvent;
import org.lanternfish.event.KerberosEvent;
import org.lanternfish.event.LdapSearchEvent;
import org.lanternfish.event.NetworkEvent;
import org.lanternfish.event.NtlmEvent;
import org.lanternfish.event.SmbFileEvent;
import org.lanternfish.event.SmbMappingEvent;

/**
 * Each Mordor atomic scenario's key events, checked against the metadata YAML beside the captures
 * (lab: WORKSTATION5 172.18.39.5, WORKSTATION6 172.18.39.6, DC 172.18.38.5, C2 10.10.10.5).
 */
final class MordorScenariosTest {

  private static final String WS5 = "172.18.39.5";
  private static final String WS6 = "172.18.39.6";
  private static final String DC = "172.18.38.5";
  private static final String C2 = "10.10.10.5";

  @Test
  void dcsync_yieldsDrsGetNCChangesFromWorkstationToDc() {
    Captures.Imported imported = Captures.read(Captures.mordor("credential_access/"
        + "covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges/covenant_dcsync_dcerpc_drsuapi_DsGetNCChanges_2020-08-05020926.cap"));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> {
          assertThat(call.endpoint()).isEqualTo("drsuapi");
          assertThat(call.operation()).isEqualTo("DRSGetNCChanges");
          assertThat(call.id().origHost()).isEqualTo(WS5);
          assertThat(call.id().respHost()).isEqualTo(DC);
          assertThat(call.rtt()).isPositive();
        })
        .anySatisfy(call -> assertThat(call.operation()).isEqualTo("ept_map"));
    assertUidsLinkToConns(imported);
  }

  @Test
  void sharpWmi_yieldsIWbemServicesExecMethodBetweenWorkstations() {
    Captures.Imported imported = Captures.read(Captures.resource(Captures.SHARPWMI));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "IWbemServices", "ExecMethod"))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "IWbemLevel1Login", "NTLMLogin"))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "ISystemActivator", "RemoteCreateInstance"));
    DceRpcEvent execMethod = imported.of(DceRpcEvent.class).stream()
        .filter(call -> "ExecMethod".equals(call.operation())).findFirst().orElseThrow();
    assertThat(execMethod.id().respPort()).as("DCOM calls run on a dynamic port after epmapper").isNotEqualTo(135);
    assertUidsLinkToConns(imported);
  }

  @Test
  void sharpScCreate_yieldsSvcctlCreateServiceOverSmbPipe() {
    Captures.Imported imported = Captures.read(Captures.resource(Captures.SHARPSC_CREATE));

    assertThat(imported.of(DceRpcEvent.class)).anySatisfy(call -> {
      assertCall(call, WS5, WS6, "svcctl", call.operation());
      assertThat(call.operation()).startsWith("CreateService");
      assertThat(call.namedPipe()).isEqualToIgnoringCase("\\pipe\\ntsvcs");
    });
    assertThat(imported.of(SmbMappingEvent.class))
        .anySatisfy(mapping -> {
          assertThat(mapping.path()).isEqualTo("\\\\WORKSTATION6\\IPC$");
          assertThat(mapping.shareType()).isEqualTo("PIPE");
        });
  }

  @Test
  void getDomainGroup_yieldsLdapSearchForDomainAdmins() {
    Captures.Imported imported = Captures.read(Captures.mordor("discovery/"
        + "covenant_getdomaingroup_ldap_searchrequest_domain_admins/"
        + "covenant_getdomaingroup_ldap_searchrequest_domain_admins_2020-09-22141005.cap"));

    assertThat(imported.of(LdapSearchEvent.class)).anySatisfy(search -> {
      assertThat(search.id().origHost()).isEqualTo(WS5);
      assertThat(search.id().respHost()).isEqualTo(DC);
      assertThat(search.baseObject()).isEqualTo("DC=theshire,DC=local");
      assertThat(search.scope()).isEqualTo("tree");
      assertThat(search.filter()).isEqualTo("(&(objectCategory=group)(samAccountName=Domain Admins))");
      assertThat(search.attributes()).isEmpty();
      assertThat(search.result()).isEqualTo("success");
      assertThat(search.resultCount()).isEqualTo(1);
    }).anySatisfy(search -> assertThat(search.filter()).isEqualTo("(objectclass=*)"));
    assertUidsLinkToConns(imported);
  }

  @Test
  void sharpScQuery_yieldsSvcctlServiceEnumeration() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_sharpsc_query_dcerpc_smb_svcctl/covenant_sharpsc_query_dcerpc_smb_svcctl_2020-08-06012009.cap"));

    assertThat(operations(imported, "svcctl")).contains("OpenSCManager2", "EnumServicesStatusW");
  }

  @Test
  void sharpScStart_yieldsSvcctlStartServiceW() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_sharpsc_start_dcerpc_smb_svcctl/covenant_sharpsc_start_dcerpc_smb_svcctl_2020-08-06030120.cap"));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "svcctl", "StartServiceW"));
  }

  @Test
  void sharpScStop_yieldsSvcctlControlService() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_sharpsc_stop_dcerpc_smb_svcctl/covenant_sharpsc_stop_dcerpc_smb_svcctl_2020-08-06031938.cap"));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "svcctl", "ControlService"));
  }

  @Test
  void scExeQuery_yieldsSvcctlQueryServiceStatus() {
    // The YAML names WORKSTATION6, but this recording's sc.exe query went to the DC.
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_sc_query_dcerpc_smb_svcctl/covenant_sc_query_dcerpc_smb_svcctl_2020-08-05034820.cap"));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, DC, "svcctl", "OpenServiceW"))
        .anySatisfy(call -> assertCall(call, WS5, DC, "svcctl", "QueryServiceStatus"));
  }

  @Test
  void smbCopy_yieldsSmbFileWriteOfTheCopiedFile() {
    Captures.Imported imported = Captures.read(Captures.resource(Captures.SMB_COPY));

    assertThat(imported.of(SmbFileEvent.class)).anySatisfy(file -> {
      assertThat(file.action()).isEqualTo("SMB::FILE_WRITE");
      assertThat(file.path()).isEqualTo("\\\\WORKSTATION6\\C$");
      assertThat(file.name()).isEqualTo("ProgramData\\GruntHTTP.exe");
      assertThat(file.size()).isPositive();
      assertThat(file.id().origHost()).isEqualTo(WS5);
      assertThat(file.id().respHost()).isEqualTo(WS6);
    });
    assertThat(imported.of(SmbMappingEvent.class)).anySatisfy(mapping -> {
      assertThat(mapping.path()).isEqualTo("\\\\WORKSTATION6\\C$");
      assertThat(mapping.shareType()).isEqualTo("DISK");
    });
    assertThat(imported.of(KerberosEvent.class)).anySatisfy(ticket -> {
      assertThat(ticket.requestType()).isEqualTo("TGS");
      assertThat(ticket.service()).isEqualTo("cifs/WORKSTATION6");
      assertThat(ticket.client()).isEqualTo("pgustavo/THESHIRE.LOCAL");
      assertThat(ticket.success()).isTrue();
    });
    assertUidsLinkToConns(imported);
  }

  @Test
  void dcomIertutilHijack_yieldsDllWriteThenDcomActivation() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/covenant_dcom_iertutil_dll_hijack/"
        + "covenant_dcom_iertutil_dll_hijack_WORKSTATION5_2020-10-09183000.cap"));

    assertThat(imported.of(SmbFileEvent.class)).anySatisfy(file -> {
      assertThat(file.action()).isEqualTo("SMB::FILE_WRITE");
      assertThat(file.name()).isEqualTo("Program Files\\Internet Explorer\\iertutil.dll");
    });
    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "ISystemActivator", "RemoteGetClassObject"));
  }

  @Test
  void dcomRegisterXll_yieldsActivationAndIDispatchCalls() {
    Captures.Imported imported = Captures.read(Captures.mordor(
        "lateral_movement/covenant_dcom_registerxll/covenant_dcom_registerxll_2020-09-18145959.cap"));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "ISystemActivator", "RemoteGetClassObject"))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "IDispatch", "Invoke"));
    assertThat(imported.of(NtlmEvent.class)).anySatisfy(ntlm -> {
      assertThat(ntlm.username()).isEqualTo("pgustavo");
      assertThat(ntlm.domainname()).isEqualTo("THESHIRE");
      assertThat(ntlm.hostname()).isEqualTo("WORKSTATION5");
      assertThat(ntlm.id().respHost()).isEqualTo(WS6);
    });
  }

  @Test
  void dcomExcel4MacroBlocked_yieldsOnlyUnansweredAttemptsToTheEndpointMapper() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_dcom_executeexcel4macro_blocked/covenant_dcom_executeexcel4macro_blocked_2020-09-17173147.cap"));

    assertThat(imported.of(ConnEvent.class)).anySatisfy(conn -> {
      assertThat(conn.id().respHost()).isEqualTo(WS6);
      assertThat(conn.id().respPort()).isEqualTo(135);
      assertThat(conn.connState()).isEqualTo("S0");
      assertThat(conn.respPkts()).isZero();
    });
    assertThat(imported.of(DceRpcEvent.class)).isEmpty();
    assertThat(imported.of(HttpEvent.class)).allSatisfy(http -> assertThat(http.id().respHost()).isEqualTo(C2));
  }

  @Test
  void wmiEventSubscription_yieldsIWbemServicesPutInstance() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_wmi_remote_event_subscription_ActiveScriptEventConsumers/"
        + "covenant_wmi_remote_event_subscription_ActiveScriptEventConsumers_WORKSTATION5_2020-09-01103012.cap"));

    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "IWbemServices", "PutInstance"))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "IWbemServices", "DeleteInstance"));
  }

  @Test
  void wmiWbemcomnHijack_yieldsDllWriteThenWmiQuery() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/covenant_wmi_wbemcomn_dll_hijack/"
        + "covenant_wmi_wbemcomn_dll_hijack_WORKSTATION5_2020-10-09173318.cap"));

    assertThat(imported.of(SmbFileEvent.class)).anySatisfy(file -> {
      assertThat(file.action()).isEqualTo("SMB::FILE_WRITE");
      assertThat(file.name()).isEqualTo("Windows\\System32\\wbem\\wbemcomn.dll");
      assertThat(file.size()).isEqualTo(214528);
    });
    assertThat(imported.of(DceRpcEvent.class))
        .anySatisfy(call -> assertCall(call, WS5, WS6, "IWbemServices", "ExecQuery"));
  }

  @Test
  void powershellRemoting_yieldsWinRmHttpPostsToTheTarget() {
    Captures.Imported imported = Captures.read(Captures.mordor("lateral_movement/"
        + "covenant_psremoting_command/covenant_psremoting_command_2020-08-06115603.cap"));

    assertThat(imported.of(HttpEvent.class)).anySatisfy(http -> {
      assertThat(http.method()).isEqualTo("POST");
      assertThat(http.id().respHost()).isEqualTo(WS6);
      assertThat(http.id().respPort()).isEqualTo(5985);
      assertThat(http.uri()).startsWith("/wsman");
      assertThat(http.statusCode()).isEqualTo(200);
    });
  }

  @Test
  void getDomainGroup_yieldsLdapTicketAndLdapConnectionToTheDc() {
    Captures.Imported imported = Captures.read(Captures.mordor("discovery/"
        + "covenant_getdomaingroup_ldap_searchrequest_domain_admins/"
        + "covenant_getdomaingroup_ldap_searchrequest_domain_admins_2020-09-22141005.cap"));

    assertThat(imported.of(KerberosEvent.class))
        .anySatisfy(ticket -> assertThat(ticket.service()).startsWith("ldap/MORDORDC"));
    assertThat(imported.of(ConnEvent.class)).anySatisfy(conn -> {
      assertThat(conn.id().respHost()).isEqualTo(DC);
      assertThat(conn.id().respPort()).isEqualTo(389);
      assertThat(conn.service()).contains("ldap");
    });
  }

  private static void assertCall(DceRpcEvent call, String from, String to, String endpoint, String operation) {
    assertThat(call.id().origHost()).isEqualTo(from);
    assertThat(call.id().respHost()).isEqualTo(to);
    assertThat(call.endpoint()).isEqualTo(endpoint);
    assertThat(call.operation()).isEqualTo(operation);
  }

  private static Set<String> operations(Captures.Imported imported, String endpoint) {
    return imported.of(DceRpcEvent.class).stream()
        .filter(call -> endpoint.equals(call.endpoint()))
        .map(DceRpcEvent::operation)
        .collect(Collectors.toSet());
  }

  /** Every protocol record names the uid and endpoints of a conn record of the same import. */
  private static void assertUidsLinkToConns(Captures.Imported imported) {
    var conns = imported.of(ConnEvent.class).stream()
        .collect(Collectors.toMap(ConnEvent::uid, ConnEvent::id));
    for (Event event : imported.events()) {
      assertThat(conns).containsKey(event.uid());
      if (event instanceof NetworkEvent network) {
        assertThat(network.id()).isEqualTo(conns.get(event.uid()));
      }
    }
  }
}
