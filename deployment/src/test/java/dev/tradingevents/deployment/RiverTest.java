package dev.tradingevents.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Alloy-syntax parser the Alloy tests rely on. */
class RiverTest {

  @Test
  void readsBlocksLabelsAttributesAndReferences() {
    List<River.Block> blocks = River.parse("""
        // a comment
        loki.source.docker "c" {
          host    = "unix:///var/run/docker.sock" /* inline */
          targets = discovery.docker.d.targets
          forward_to = [loki.write.w.receiver]
          labels  = { "app" = "x", env = "demo", }
          inner {
            n = 5
            ok = true
          }
        }
        """);

    assertThat(blocks).singleElement().satisfies(block -> {
      assertThat(block.id()).isEqualTo("loki.source.docker.c");
      assertThat(block.string("host")).isEqualTo("unix:///var/run/docker.sock");
      assertThat(block.attributes().get("targets")).isEqualTo(new River.Reference("discovery.docker.d.targets"));
      assertThat(block.list("forward_to")).containsExactly(new River.Reference("loki.write.w.receiver"));
      assertThat(block.object("labels")).isEqualTo(Map.of("app", "x", "env", "demo"));
      assertThat(block.block("inner").orElseThrow().attributes()).containsEntry("ok", true);
    });
  }

  @Test
  void readsEscapesInStrings() {
    River.Block block = River.parse("a { s = \"{service=\\\"x\\\"}\" }").get(0);

    assertThat(block.string("s")).isEqualTo("{service=\"x\"}");
  }

  @Test
  void failsWithTheLineOfAMistake() {
    assertThatThrownBy(() -> River.parse("a {\n  x = \"1\"\n  x = \"2\"\n}")).hasMessageContaining("line 3")
        .hasMessageContaining("set twice");
    assertThatThrownBy(() -> River.parse("a {\n  b = \n")).hasMessageContaining("line 3");
    assertThatThrownBy(() -> River.parse("a { b = c(1) }")).hasMessageContaining("function calls");
  }
}
