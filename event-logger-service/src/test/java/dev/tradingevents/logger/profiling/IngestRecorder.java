package dev.tradingevents.logger.profiling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in Pyroscope server on 127.0.0.1: answers 200 to everything and remembers each request. */
final class IngestRecorder implements AutoCloseable {

  /** One request as it arrived. */
  record Request(
      String method,
      String path,
      String rawQuery,
      Map<String, String> query,
      String contentType,
      String authorization,
      long bodyBytes) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  IngestRecorder() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::record);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void record(HttpExchange exchange) throws IOException {
    long bodyBytes;
    try (InputStream body = exchange.getRequestBody()) {
      bodyBytes = body.transferTo(OutputStreamDiscard.INSTANCE);
    }
    String rawQuery = exchange.getRequestURI().getRawQuery();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            rawQuery,
            parse(rawQuery),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            bodyBytes));
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private static Map<String, String> parse(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static final class OutputStreamDiscard extends java.io.OutputStream {
    static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
