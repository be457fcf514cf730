package dev.tradingevents.tracing;

import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_CONSUMER_GROUP_NAME;
import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_DESTINATION_NAME;
import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_MESSAGE_BODY_SIZE;
import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_MESSAGE_ID;
import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_OPERATION_NAME;
import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_OPERATION_TYPE;
import static dev.tradingevents.tracing.internal.MessagingAttributes.MESSAGING_SYSTEM;
import static dev.tradingevents.tracing.internal.MessagingAttributes.NATS_MESSAGE_DELIVERY_COUNT;
import static dev.tradingevents.tracing.internal.MessagingAttributes.NATS_MSG_ID_HEADER;
import static dev.tradingevents.tracing.internal.MessagingAttributes.NATS_STREAM_NAME;
import static dev.tradingevents.tracing.internal.MessagingAttributes.NATS_STREAM_SEQUENCE;
import static dev.tradingevents.tracing.internal.MessagingAttributes.OPERATION_PROCESS;
import static dev.tradingevents.tracing.internal.MessagingAttributes.OPERATION_PUBLISH;
import static dev.tradingevents.tracing.internal.MessagingAttributes.OPERATION_TYPE_SEND;
import static dev.tradingevents.tracing.internal.MessagingAttributes.SYSTEM_NATS;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Objects;

/**
 * OpenTelemetry tracing of events sent through NATS JetStream: producer and consumer spans following
 * the OpenTelemetry messaging semantic conventions, with the trace context carried in the message
 * headers.
 *
 * <p>Create one per {@link OpenTelemetry} and share it; it is immutable and thread-safe. The headers
 * are written and read with the {@link OpenTelemetry#getPropagators() propagators configured} on that
 * instance (typically W3C {@code traceparent}/{@code tracestate} and {@code baggage}). Contexts are
 * always passed explicitly; nothing is kept in statics or thread locals.
 *
 * <h2>Spans</h2>
 *
 * <table>
 *   <caption>Span shape</caption>
 *   <tr><th></th><th>publish</th><th>process</th></tr>
 *   <tr><td>name</td><td>{@code publish <subject>}</td><td>{@code process <subject>}</td></tr>
 *   <tr><td>kind</td><td>{@code PRODUCER}</td><td>{@code CONSUMER}</td></tr>
 *   <tr><td>parent</td><td>the caller's context</td>
 *       <td>the producer context from the headers (also a link); none if absent or invalid</td></tr>
 * </table>
 *
 * <h2>Attributes</h2>
 *
 * <table>
 *   <caption>Span attributes</caption>
 *   <tr><th>key</th><th>type</th><th>on</th><th>value</th></tr>
 *   <tr><td>{@code messaging.system}</td><td>string</td><td>both</td><td>{@code nats}</td></tr>
 *   <tr><td>{@code messaging.destination.name}</td><td>string</td><td>both</td><td>the subject</td></tr>
 *   <tr><td>{@code messaging.operation.type}</td><td>string</td><td>both</td>
 *       <td>{@code send} / {@code process} (the conventions replaced {@code publish} by {@code
 *       send})</td></tr>
 *   <tr><td>{@code messaging.operation.name}</td><td>string</td><td>both</td>
 *       <td>{@code publish} / {@code process}</td></tr>
 *   <tr><td>{@code messaging.message.id}</td><td>string</td><td>both, when known</td>
 *       <td>the message id ({@code Nats-Msg-Id} header on the consumer side)</td></tr>
 *   <tr><td>{@code messaging.message.body.size}</td><td>long</td><td>both, when known</td>
 *       <td>payload bytes</td></tr>
 *   <tr><td>{@code messaging.nats.stream.name}</td><td>string</td>
 *       <td>publish (from the ack), process (JetStream)</td><td>the stream</td></tr>
 *   <tr><td>{@code messaging.nats.stream.sequence}</td><td>long</td>
 *       <td>publish (from the ack), process (JetStream)</td><td>the stream sequence</td></tr>
 *   <tr><td>{@code messaging.nats.ack.duplicate}</td><td>boolean</td><td>publish, on a duplicate ack</td>
 *       <td>true: the server already had this message id (absent otherwise)</td></tr>
 *   <tr><td>{@code messaging.nats.message.delivery_count}</td><td>long</td><td>process (JetStream)</td>
 *       <td>deliveries so far, 1 for the first</td></tr>
 *   <tr><td>{@code messaging.consumer.group.name}</td><td>string</td><td>process (JetStream)</td>
 *       <td>the JetStream consumer name</td></tr>
 *   <tr><td>{@code error.type}</td><td>string</td><td>both, on failure</td>
 *       <td>exception class name</td></tr>
 * </table>
 *
 * <h2>Disabled tracing</h2>
 *
 * <p>{@link #noop()}, or an {@code OpenTelemetry} whose tracer provider is {@link
 * TracerProvider#noop()}, gives a disabled instance: {@code startPublish} and {@code startProcess}
 * return a shared inert handle without reading or writing headers or allocating. {@link #inject} and
 * {@link #extract} still use the configured propagators.
 */
public final class EventTracing {

  /** The instrumentation scope name used unless the builder sets another. */
  public static final String DEFAULT_INSTRUMENTATION_NAME = "dev.tradingevents.trace-propagation";

  private static final EventTracing NOOP = builder(OpenTelemetry.noop()).build();

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  /** Span names by subject: the publisher names a span per event, and events use a few subjects. */
  private final SpanNames publishNames = new SpanNames(OPERATION_PUBLISH);
  private final SpanNames processNames = new SpanNames(OPERATION_PROCESS);
  /**
   * Boxed body sizes below {@value #BOXED_SIZES}, made on first use: the SDK keeps attribute values
   * boxed, and event bodies are a few hundred bytes, so a publish need not box its size anew. Filled
   * racily on purpose: two threads may box the same size, either box is right.
   */
  private final Long[] boxedSizes = new Long[BOXED_SIZES];
  private static final int BOXED_SIZES = 4096;

  private EventTracing(Builder builder) {
    OpenTelemetry openTelemetry = builder.openTelemetry;
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    TracerProvider tracerProvider = openTelemetry.getTracerProvider();
    if (tracerProvider == TracerProvider.noop()) {
      this.tracer = null;
    } else {
      TracerBuilder tracerBuilder = tracerProvider.tracerBuilder(builder.instrumentationName);
      if (builder.instrumentationVersion != null) {
        tracerBuilder.setInstrumentationVersion(builder.instrumentationVersion);
      }
      this.tracer = tracerBuilder.build();
    }
  }

  /** Tracing with the tracer provider and propagators of {@code openTelemetry}. */
  public static EventTracing create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** Tracing with {@link GlobalOpenTelemetry#get()}, resolved now. */
  public static EventTracing global() {
    return create(GlobalOpenTelemetry.get());
  }

  /** Disabled tracing: no spans, no headers touched, no propagation. */
  public static EventTracing noop() {
    return NOOP;
  }

  /** A builder for tracing with {@code openTelemetry} and non-default options. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /**
   * Whether spans are made. {@code false} for {@link #noop()} and for a no-op tracer provider; the
   * handles are then inert and {@link ProcessSpan#hasRemoteParent()} is always {@code false}.
   */
  public boolean isEnabled() {
    return tracer != null;
  }

  /**
   * Starts the producer span of one publish, a child of {@code parent}, and writes its context into
   * {@code headers} (replacing earlier values, so headers reused for a retry stay single-valued).
   *
   * <p>Call it with the {@link Headers} of the outgoing message just before {@code
   * JetStream.publishAsync}, and end the returned handle when the ack future completes. A retry calls
   * it again with the same headers: the new span's context replaces the previous one.
   *
   * @param parent the context the publish belongs to, e.g. {@link Context#current()}
   * @param subject the subject published to
   * @param messageId the {@code Nats-Msg-Id} of the message, or {@code null}
   * @param headers the headers of the outgoing message; {@code null} or read-only headers are left as
   *     they are (the span is still made)
   * @param bodySize the payload size in bytes, or a negative number if unknown
   * @return the span handle; a shared inert one when tracing is disabled
   */
  public PublishSpan startPublish(
      Context parent, String subject, String messageId, Headers headers, int bodySize) {
    return startPublish(parent, subject, messageId, headers, NatsHeadersSetter.INSTANCE, bodySize);
  }

  /**
   * {@link #startPublish(Context, String, String, Headers, int)} for a caller that writes the trace
   * context through its own setter, e.g. to build the outgoing headers in a reused buffer and to learn
   * which fields the propagators wrote. The setter is not called when tracing is disabled.
   *
   * @param carrier what {@code setter} writes into; passed through unchanged
   * @param setter writes one propagation field (e.g. {@code traceparent}) into {@code carrier}
   */
  public <C> PublishSpan startPublish(
      Context parent, String subject, String messageId, C carrier, TextMapSetter<C> setter, int bodySize) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(setter, "setter");
    if (tracer == null) {
      return PublishSpan.DISABLED;
    }
    // Attributes go on the span once it is known to record, not on the builder: the SDK builds the
    // builder's attributes for the sampler even when the span is then dropped, which at 1% sampling
    // cost nearly as much as recording every span. Samplers therefore see no messaging attributes.
    Span span =
        tracer
            .spanBuilder(publishNames.of(subject))
            .setSpanKind(SpanKind.PRODUCER)
            .setParent(parent)
            .startSpan();
    if (span.isRecording()) {
      span.setAttribute(MESSAGING_SYSTEM, SYSTEM_NATS);
      span.setAttribute(MESSAGING_DESTINATION_NAME, subject);
      span.setAttribute(MESSAGING_OPERATION_TYPE, OPERATION_TYPE_SEND);
      span.setAttribute(MESSAGING_OPERATION_NAME, OPERATION_PUBLISH);
      if (messageId != null) {
        span.setAttribute(MESSAGING_MESSAGE_ID, messageId);
      }
      if (bodySize >= 0) {
        span.setAttribute(MESSAGING_MESSAGE_BODY_SIZE, boxedSize(bodySize));
      }
    }
    Context context = parent.with(span);
    propagator.inject(context, carrier, setter);
    return new PublishSpan(span, context);
  }

  /**
   * Starts the consumer span of processing one received message.
   *
   * <p>The producer context is extracted from the message headers; the span is its child and links to
   * it. The thread's current context is deliberately not used as a fallback parent: a message without
   * a valid {@code traceparent} starts a new trace, and {@link ProcessSpan#hasRemoteParent()} reports
   * it. The message id comes from the {@code Nats-Msg-Id} header; for a JetStream message the stream,
   * stream sequence, delivery count and consumer come from its metadata.
   *
   * @param message the received message
   * @return the span handle; a shared inert one when tracing is disabled
   */
  public ProcessSpan startProcess(Message message) {
    Objects.requireNonNull(message, "message");
    if (tracer == null) {
      return ProcessSpan.DISABLED;
    }
    Headers headers = message.hasHeaders() ? message.getHeaders() : null;
    String messageId = headers == null ? null : headers.getFirst(NATS_MSG_ID_HEADER);
    byte[] data = message.getData();
    SpanBuilder builder =
        processSpanBuilder(message.getSubject(), messageId, data == null ? 0L : data.length);
    NatsJetStreamMetaData metaData = jetStreamMetaData(message);
    if (metaData != null) {
      setStream(builder, metaData.getStream(), metaData.streamSequence());
      builder.setAttribute(NATS_MESSAGE_DELIVERY_COUNT, metaData.deliveredCount());
      if (metaData.getConsumer() != null) {
        builder.setAttribute(MESSAGING_CONSUMER_GROUP_NAME, metaData.getConsumer());
      }
    }
    return startProcess(builder, headers);
  }

  /**
   * Starts the consumer span for a caller that holds only the parts of a message (e.g. a replay from
   * a file). Same parent and link rules as {@link #startProcess(Message)}.
   *
   * @param subject the subject the message was published to
   * @param headers its headers, or {@code null}
   * @param messageId its id, or {@code null}
   * @param stream the stream it was stored in, or {@code null}
   * @param streamSequence its stream sequence, or zero or less if unknown
   * @return the span handle; a shared inert one when tracing is disabled
   */
  public ProcessSpan startProcess(
      String subject, Headers headers, String messageId, String stream, long streamSequence) {
    Objects.requireNonNull(subject, "subject");
    if (tracer == null) {
      return ProcessSpan.DISABLED;
    }
    SpanBuilder builder = processSpanBuilder(subject, messageId, -1L);
    setStream(builder, stream, streamSequence);
    return startProcess(builder, headers);
  }

  /**
   * The context carried in {@code headers}, extracted with the configured propagators on top of
   * {@link Context#root()}. Missing or invalid fields give a context without a remote span; never
   * throws for bad header values.
   *
   * @param headers the message headers, or {@code null}
   */
  public Context extract(Headers headers) {
    return propagator.extract(Context.root(), headers, NatsHeadersGetter.INSTANCE);
  }

  /**
   * Writes {@code context} into {@code headers} with the configured propagators, replacing earlier
   * values; {@code null} or read-only headers are left as they are.
   *
   * @param context the context to carry
   * @param headers the outgoing message headers
   */
  public void inject(Context context, Headers headers) {
    Objects.requireNonNull(context, "context");
    propagator.inject(context, headers, NatsHeadersSetter.INSTANCE);
  }

  private Long boxedSize(int bodySize) {
    if (bodySize >= BOXED_SIZES) {
      return (long) bodySize;
    }
    Long boxed = boxedSizes[bodySize];
    if (boxed == null) {
      boxed = (long) bodySize;
      boxedSizes[bodySize] = boxed;
    }
    return boxed;
  }

  private SpanBuilder processSpanBuilder(String subject, String messageId, long bodySize) {
    SpanBuilder builder =
        tracer
            .spanBuilder(processNames.of(subject))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(MESSAGING_SYSTEM, SYSTEM_NATS)
            .setAttribute(MESSAGING_DESTINATION_NAME, subject)
            .setAttribute(MESSAGING_OPERATION_TYPE, OPERATION_PROCESS)
            .setAttribute(MESSAGING_OPERATION_NAME, OPERATION_PROCESS);
    if (messageId != null) {
      builder.setAttribute(MESSAGING_MESSAGE_ID, messageId);
    }
    if (bodySize >= 0) {
      builder.setAttribute(MESSAGING_MESSAGE_BODY_SIZE, bodySize);
    }
    return builder;
  }

  private ProcessSpan startProcess(SpanBuilder builder, Headers headers) {
    Context producerContext = extract(headers);
    SpanContext producer = Span.fromContext(producerContext).getSpanContext();
    boolean remoteParent = producer.isValid() && producer.isRemote();
    // Child of the producer context when there is one; otherwise a root span (the extracted context
    // holds no span then), never a child of whatever happens to be current on this thread.
    builder.setParent(producerContext);
    if (remoteParent) {
      builder.addLink(producer);
    }
    Span span = builder.startSpan();
    return new ProcessSpan(span, producerContext.with(span), remoteParent);
  }

  private static void setStream(SpanBuilder builder, String stream, long streamSequence) {
    if (stream != null) {
      builder.setAttribute(NATS_STREAM_NAME, stream);
    }
    if (streamSequence > 0) {
      builder.setAttribute(NATS_STREAM_SEQUENCE, streamSequence);
    }
  }

  /** The JetStream metadata of {@code message}, or {@code null} if it has none or it is malformed. */
  private static NatsJetStreamMetaData jetStreamMetaData(Message message) {
    if (!message.isJetStream()) {
      return null;
    }
    try {
      return message.metaData();
    } catch (RuntimeException malformedReplyTo) {
      // Tracing must never fail the consumer: a reply subject that looks like an ack subject but
      // does not parse only costs the stream attributes.
      return null;
    }
  }

  /** Options of an {@link EventTracing}. Not thread-safe; {@link #build()} validates. */
  public static final class Builder {

    private final OpenTelemetry openTelemetry;
    private String instrumentationName = DEFAULT_INSTRUMENTATION_NAME;
    private String instrumentationVersion =
        EventTracing.class.getPackage().getImplementationVersion();

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * The instrumentation scope name of the spans; default {@value
     * EventTracing#DEFAULT_INSTRUMENTATION_NAME}.
     */
    public Builder instrumentationName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("instrumentationName must not be blank");
      }
      this.instrumentationName = name;
      return this;
    }

    /**
     * The instrumentation scope version of the spans; default the jar's {@code
     * Implementation-Version}, if any. {@code null} for none.
     */
    public Builder instrumentationVersion(String version) {
      this.instrumentationVersion = version;
      return this;
    }

    /** A new {@link EventTracing} with these options. */
    public EventTracing build() {
      return new EventTracing(this);
    }
  }

  /** {@code <operation> <subject>}, cached for up to 1,024 subjects (beyond that, made each time). */
  private static final class SpanNames {
    private static final int LIMIT = 1024;
    private final String operation;
    private final java.util.concurrent.ConcurrentHashMap<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

    SpanNames(String operation) {
      this.operation = operation;
    }

    String of(String subject) {
      String name = names.get(subject);
      if (name == null) {
        name = operation + ' ' + subject;
        if (names.size() < LIMIT) {
          names.putIfAbsent(subject, name);
        }
      }
      return name;
    }
  }
}
