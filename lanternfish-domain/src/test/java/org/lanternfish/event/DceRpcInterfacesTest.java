package org.lanternfish.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class DceRpcInterfacesTest {

  @Test
  void standard_namesTheInterfacesAttackersUseAsZeekDoes() {
    assertThat(DceRpcInterfaces.endpoint("E3514235-4B06-11D1-AB04-00C04FC2DCD2")).isEqualTo("drsuapi");
    assertThat(DceRpcInterfaces.operation("e3514235-4b06-11d1-ab04-00c04fc2dcd2", 3)).isEqualTo("DRSGetNCChanges");
    assertThat(DceRpcInterfaces.operation("367abb81-9844-35f1-ad32-98f038001003", 12)).isEqualTo("CreateServiceW");
    assertThat(DceRpcInterfaces.operation("9556dc99-828c-11cf-a37e-00aa003240c7", 24)).isEqualTo("ExecMethod");
    assertThat(DceRpcInterfaces.operation("86d35949-83c9-4044-b424-db363231fd0c", 1)).isEqualTo("SchRpcRegisterTask");
    assertThat(DceRpcInterfaces.operation("12345778-1234-abcd-ef00-0123456789ac", 64)).isEqualTo("SamrConnect5");
    assertThat(DceRpcInterfaces.operation("e1af8308-5d1f-11c9-91a4-08002b14a0fa", 3)).isEqualTo("ept_map");
    assertThat(DceRpcInterfaces.endpoint("12345678-1234-abcd-ef00-01234567cffb")).isEqualTo("netlogon");
  }

  @Test
  void unknownInterfaceOrOpnum_isNamedAsZeekNamesIt() {
    assertThat(DceRpcInterfaces.endpoint("01234567-89AB-cdef-0123-456789abcdef"))
        .isEqualTo("unknown-01234567-89ab-cdef-0123-456789abcdef");
    assertThat(DceRpcInterfaces.operation("01234567-89ab-cdef-0123-456789abcdef", 7)).isEqualTo("unknown-7");
    assertThat(DceRpcInterfaces.operation("e3514235-4b06-11d1-ab04-00c04fc2dcd2", 99)).isEqualTo("unknown-99");
    assertThat(DceRpcInterfaces.operation(null, 2)).isEqualTo("unknown-2");
    assertThat(DceRpcInterfaces.endpoint(null)).isNull();
  }
}
