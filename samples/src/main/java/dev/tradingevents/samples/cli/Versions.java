package dev.tradingevents.samples.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest. */
final class Versions implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Versions.class.getPackage().getImplementationVersion();
    return new String[] {"trading-events " + (version == null ? "(development build)" : version),
        "Java ${java.version} (${java.vendor})"};
  }
}
