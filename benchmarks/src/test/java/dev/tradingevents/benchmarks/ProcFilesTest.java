package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the benchmark reads of /proc: kB lines and stat lines, whose command name may hold spaces. */
class ProcFilesTest {
  @Test
  void sumsTheNamedKbLinesAndSaysWhenNoneIsThere(@TempDir Path dir) throws Exception {
    Path meminfo = Files.writeString(dir.resolve("meminfo"),
        "MemTotal:       24683724 kB\nDirty:              1024 kB\nWriteback:           512 kB\nDirtyish:  7 kB\n");

    assertThat(ProcFiles.kb(meminfo, "MemTotal")).isEqualTo(24_683_724);
    assertThat(ProcFiles.kb(meminfo, "Dirty", "Writeback")).isEqualTo(1_536);
    assertThat(ProcFiles.kb(meminfo, "VmRSS")).isEqualTo(-1);
    assertThat(ProcFiles.kb(dir.resolve("missing"), "MemTotal")).isEqualTo(-1);
  }

  @Test
  void readsTheFieldsAfterACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (C2 (Compiler) 0) S 1 4242 4242 0 -1 4194368 10 0 0 0 120 30 7 9";

    assertThat(ProcFiles.statName(stat)).isEqualTo("C2 (Compiler) 0");
    String[] fields = ProcFiles.statFieldsAfterName(stat);
    assertThat(fields[3 - 3]).isEqualTo("S");
    assertThat(fields[14 - 3]).isEqualTo("120"); // utime
    assertThat(fields[17 - 3]).isEqualTo("9"); // cstime
    assertThatThrownBy(() -> ProcFiles.statFieldsAfterName("no name here")).isInstanceOf(IllegalArgumentException.class);
  }
}
