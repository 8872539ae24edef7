package org.lanternfish.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class OpenApiContractTest {
  @Test
  void check_bodyOffTheSchema_fails() {
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/breaches/B1", 200, "application/json",
        "{\"id\": 1}")).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/breaches", 400, "application/json",
        "{\"status\": 400, \"error\": \"Bad Request\"}")).isInstanceOf(AssertionError.class);
  }

  @Test
  void check_undocumentedStatusOrPath_fails() {
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/breaches", 500, "application/json",
        "{\"status\": 500, \"error\": \"x\", \"reason\": \"y\"}")).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> OpenApiContract.check("DELETE", "/api/v1/breaches", 200, null, ""))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void check_documentedErrorBody_passes() {
    assertThatCode(() -> OpenApiContract.check("GET", "/api/v1/breaches?minScore=x", 400, "application/json",
        "{\"status\": 400, \"error\": \"Bad Request\", \"reason\": \"minScore must be a number\"}"))
        .doesNotThrowAnyException();
  }
}
