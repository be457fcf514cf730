package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before a measured run, what earlier runs wrote is on disk, so the kernel does not write it out during the run. */
class SettleTest {
  /** Over 64 MB, so the write-out is worth a line. */
  private static final int FILE_MB = 72;

  @Test
  void writesOutTheDirtyPagesOfAFileJustWritten(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "Linux only");
    byte[] block = new byte[1 << 20];
    Arrays.fill(block, (byte) 'x');
    try (OutputStream file = Files.newOutputStream(dir.resolve("written.bin"))) {
      for (int i = 0; i < FILE_MB; i++) {
        file.write(block);
      }
    }
    // not forced: its pages wait in the page cache, dirty, for the kernel's write-out about 30 s later
    assertThat(Settle.dirtyMb()).isGreaterThanOrEqualTo(FILE_MB - 8);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Settle.WriteOut writeOut = Settle.beforeRun(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(writeOut.problem()).isNull();
    assertThat(writeOut.dirtyMb()).isGreaterThanOrEqualTo(FILE_MB - 8);
    assertThat(Settle.dirtyMb()).isLessThan(FILE_MB - 8);
    // the line names what was found, this file and whatever else was dirty on the machine
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("  (" + writeOut.describe() + ")" + System.lineSeparator());
  }

  @Test
  void aLargeOrFailedWriteOutIsWorthALineAndASmallOneIsNot() {
    assertThat(new Settle.WriteOut(10, 0.01, null).describe()).isNull();
    assertThat(new Settle.WriteOut(-1, 0.01, null).describe()).isNull();
    assertThat(new Settle.WriteOut(709, 0.84, null).describe())
        .isEqualTo("wrote out 709 MB of dirty pages before the run (0.8 s)");
    assertThat(new Settle.WriteOut(-1, 0.0, "cannot run sync: No such file or directory").describe())
        .isEqualTo("dirty pages not written out before the run: cannot run sync: No such file or directory");
  }
}
