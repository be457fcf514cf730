package dev.tradingevents.logger.logline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TraceParentTest {
  @Test
  void aValidHeaderGivesItsTraceAndParentIds() {
    TraceParent parent = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(parent.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(parent.error()).isNull();
  }

  @Test
  void noHeaderIsMissing() {
    assertThat(TraceParent.parse(null).error()).isEqualTo("missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
      "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 "})
  void anythingElseIsInvalidAndHasNoIds(String header) {
    TraceParent parent = TraceParent.parse(header);

    assertThat(parent.error()).isEqualTo("invalid");
    assertThat(parent.traceId()).isNull();
    assertThat(parent.spanId()).isNull();
  }
}
