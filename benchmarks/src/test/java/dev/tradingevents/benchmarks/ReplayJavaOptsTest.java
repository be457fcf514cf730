package dev.tradingevents.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The replay's JVM options: the benchmark measures what the launcher runs, and they name real methods. */
class ReplayJavaOptsTest {
  private static final Path LAUNCHER = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
      .resolve("../bin/trading-events").normalize();

  @Test
  void theBenchmarkGivesTheReplayTheLaunchersDefaultOptions() throws Exception {
    Matcher replayDefault = Pattern.compile("\\$\\{REPLAY_JAVA_OPTS-([^}]*)}").matcher(Files.readString(LAUNCHER));
    assertThat(replayDefault.find()).as("the launcher's replay command with a default for REPLAY_JAVA_OPTS").isTrue();
    assertThat(replayDefault.group(1)).isEqualTo(OptionValues.REPLAY_JAVA_OPTS);
    assertThat(BenchOptions.parse(new String[0], null).replayJavaOpts()).isEqualTo(OptionValues.REPLAY_JAVA_OPTS);
    assertThat(ReplayBenchmarkOptions.parse(new String[0], null).javaOpts())
        .containsExactlyElementsOf(OptionValues.words(OptionValues.REPLAY_JAVA_OPTS));
  }

  @Test
  void everyMethodKeptFromInliningExistsSoARenameCannotSilentlyDropTheDirective() throws Exception {
    List<String> directives = Arrays.stream(OptionValues.REPLAY_JAVA_OPTS.split(" "))
        .filter(option -> option.startsWith("-XX:CompileCommand=dontinline,")).toList();
    assertThat(directives).hasSize(2);
    assertThat(OptionValues.REPLAY_JAVA_OPTS.indexOf("-XX:CompileCommand=quiet "))
        .as("the JVM would print each command on stdout, the replay's lines")
        .isNotNegative()
        .isLessThan(OptionValues.REPLAY_JAVA_OPTS.indexOf(directives.get(0)));
    for (String directive : directives) {
      String[] target = directive.substring(directive.indexOf(',') + 1).split("::");
      Class<?> type = Class.forName(target[0]);
      assertThat(Arrays.stream(type.getDeclaredMethods()).map(java.lang.reflect.Method::getName))
          .as(directive).contains(target[1]);
    }
  }
}
