package dev.tradingevents.benchmarks;

import dev.tradingevents.events.EventCodec;
import dev.tradingevents.events.EventHeaders;
import dev.tradingevents.events.EventSubjects;
import dev.tradingevents.events.EventTimes;
import dev.tradingevents.events.EventType;
import dev.tradingevents.events.TradingEvent;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The raw baseline's input: every event encoded once with {@link EventCodec}, with the headers {@code
 * EventPublisher} sends for it, built before the clock starts. The baseline then times nothing but
 * {@code publishAsync} of these exact subjects, headers and bytes.
 *
 * <p>The header set mirrors {@code EventPublisher.headersFor} plus the W3C {@code traceparent} its
 * PRODUCER span injects (same format and length, random ids); {@link PublishBenchmark} checks it
 * against a message the publisher really stored, and reports a mismatch.
 */
final class RawMessages {

  /** One message ready to publish. */
  record Message(String subject, Headers headers, byte[] body) {}

  private RawMessages() {}

  /**
   * @param stream the stream the publisher is built with ({@code Nats-Expected-Stream}), or {@code null}
   * @param traceparent whether to add a {@code traceparent}, as a traced publisher does
   */
  static List<Message> prepare(List<TradingEvent> events, EventCodec codec, EventSubjects subjects,
      String stream, boolean traceparent, long seed) {
    Random random = new Random(seed);
    List<Message> messages = new ArrayList<>(events.size());
    for (TradingEvent event : events) {
      EventType type = event.eventType();
      Headers headers = headersFor(event, type, stream);
      if (traceparent) {
        headers.put(EventHeaders.TRACEPARENT, traceparent(random));
      }
      messages.add(new Message(subjects.subjectFor(type), headers, codec.encode(event)));
    }
    return messages;
  }

  /** What {@code EventPublisher} puts on an event, before tracing adds its context. */
  static Headers headersFor(TradingEvent event, EventType type, String stream) {
    Headers headers = new Headers();
    headers.put(EventHeaders.NATS_MSG_ID, event.eventId());
    headers.put(EventHeaders.CE_ID, event.eventId());
    headers.put(EventHeaders.CE_SPECVERSION, EventHeaders.CE_SPECVERSION_VALUE);
    headers.put(EventHeaders.CE_TYPE, type.wireName());
    headers.put(EventHeaders.CE_SOURCE, event.sourceService());
    headers.put(EventHeaders.CE_TIME, EventTimes.format(event.occurredAt()));
    headers.put(EventHeaders.CE_DATASCHEMA, EventHeaders.dataSchema(type));
    headers.put(EventHeaders.CONTENT_TYPE, EventHeaders.CONTENT_TYPE_JSON);
    headers.put(EventHeaders.SCHEMA_VERSION, Integer.toString(type.schemaVersion()));
    if (stream != null) {
      headers.put(NatsJetStreamConstants.EXPECTED_STREAM_HDR, stream);
    }
    return headers;
  }

  /** A sampled W3C traceparent, {@code 00-<32 hex trace id>-<16 hex span id>-01}: 55 characters. */
  static String traceparent(Random random) {
    return "00-" + hex(random.nextLong()) + hex(random.nextLong()) + "-" + hex(random.nextLong()) + "-01";
  }

  private static String hex(long value) {
    String digits = Long.toHexString(value);
    return "0".repeat(16 - digits.length()) + digits;
  }
}
