package dev.tradingevents.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command lines of the JVMs a harness starts: this JVM's own {@code java}, so every part runs the same one. */
final class ChildJava {
  private ChildJava() {}

  /** This JVM's {@code java} executable. */
  static String executable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java <javaOpts> -cp <classPath> <mainClass> <args>}. */
  static List<String> command(List<String> javaOpts, String classPath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.addAll(javaOpts);
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(args);
    return command;
  }
}
