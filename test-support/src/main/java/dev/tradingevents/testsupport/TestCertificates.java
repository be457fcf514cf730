package dev.tradingevents.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority with a server and a client certificate for 127.0.0.1, made at
 * test time with the JDK's {@code keytool} (nothing committed, nothing downloaded) and written as PEM
 * files, the form nats-server and our clients read.
 *
 * @param ca the authority's certificate (PEM)
 * @param serverCert the server's certificate for 127.0.0.1 / localhost, signed by the authority
 * @param serverKey its private key (PKCS#8 PEM)
 * @param clientCert a client certificate signed by the authority, for mutual TLS
 * @param clientKey its private key (PKCS#8 PEM)
 */
public record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  private static final String PASSWORD = "test-only";

  /** Makes the authority and both certificates in {@code dir} (a few seconds: keytool runs 9 times). */
  public static TestCertificates create(Path dir) {
    try {
      Files.createDirectories(dir);
      Path caStore = dir.resolve("ca.p12");
      keytool(dir, "-genkeypair", "-keystore", caStore.toString(), "-alias", "ca", "-dname", "CN=trading-events test CA",
          "-ext", "bc:c");
      Path ca = dir.resolve("ca.pem");
      keytool(dir, "-exportcert", "-keystore", caStore.toString(), "-alias", "ca", "-rfc", "-file", ca.toString());
      Path[] server = signed(dir, caStore, "server", "CN=127.0.0.1", "serverAuth");
      Path[] client = signed(dir, caStore, "client", "CN=trading-events test client", "clientAuth");
      return new TestCertificates(ca, server[0], server[1], client[0], client[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code tls { ... }} block for a nats-server config that requires client certificates of this CA. */
  public String serverTlsBlock() {
    return "tls {\n  cert_file: \"" + serverCert + "\"\n  key_file: \"" + serverKey + "\"\n  ca_file: \"" + ca
        + "\"\n  verify: true\n  timeout: 5\n}\n";
  }

  private static Path[] signed(Path dir, Path caStore, String name, String dname, String usage) throws IOException {
    Path store = dir.resolve(name + ".p12");
    keytool(dir, "-genkeypair", "-keystore", store.toString(), "-alias", name, "-dname", dname);
    Path csr = dir.resolve(name + ".csr");
    keytool(dir, "-certreq", "-keystore", store.toString(), "-alias", name, "-file", csr.toString());
    Path cert = dir.resolve(name + ".pem");
    keytool(dir, "-gencert", "-keystore", caStore.toString(), "-alias", "ca", "-infile", csr.toString(), "-outfile",
        cert.toString(), "-rfc", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=" + usage);
    Path key = dir.resolve(name + "-key.pem");
    writePrivateKey(store, name, key);
    return new Path[] {cert, key};
  }

  private static void writePrivateKey(Path store, String alias, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, PASSWORD.toCharArray());
      Key key = keyStore.getKey(alias, PASSWORD.toCharArray());
      String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
      Files.writeString(target, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n",
          StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key keytool made in " + store, e);
    }
  }

  private static void keytool(Path dir, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    if (List.of(arguments).contains("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-storetype", "PKCS12"));
    }
    command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
    Path output = Files.createTempFile(dir, "keytool", ".out");
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool failed: " + String.join(" ", command) + System.lineSeparator()
            + Files.readString(output));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
