package dev.tradingevents.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Attribute keys set on the publish and process spans.
 *
 * <p>Internal: not part of the public API and may change at any time. The names are documented on
 * {@link dev.tradingevents.tracing.EventTracing}.
 *
 * <p>The {@code messaging.*} keys come from the OpenTelemetry messaging semantic conventions (status:
 * development). The semantic conventions define nothing for NATS, so the JetStream-specific keys live
 * under {@code messaging.nats.*}, shaped after the conventions of other systems (a {@code .name} leaf
 * so that no attribute name is also a namespace, {@code delivery_count} as for Azure Service Bus).
 */
public final class MessagingAttributes {

  /** {@code messaging.system}: always {@value #SYSTEM_NATS}. */
  public static final AttributeKey<String> MESSAGING_SYSTEM =
      AttributeKey.stringKey("messaging.system");

  /** {@code messaging.destination.name}: the NATS subject. */
  public static final AttributeKey<String> MESSAGING_DESTINATION_NAME =
      AttributeKey.stringKey("messaging.destination.name");

  /** {@code messaging.operation.type}: {@value #OPERATION_TYPE_SEND} or {@value #OPERATION_PROCESS}. */
  public static final AttributeKey<String> MESSAGING_OPERATION_TYPE =
      AttributeKey.stringKey("messaging.operation.type");

  /** {@code messaging.operation.name}: {@value #OPERATION_PUBLISH} or {@value #OPERATION_PROCESS}. */
  public static final AttributeKey<String> MESSAGING_OPERATION_NAME =
      AttributeKey.stringKey("messaging.operation.name");

  /** {@code messaging.message.id}: the {@code Nats-Msg-Id} (our event id). */
  public static final AttributeKey<String> MESSAGING_MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");

  /** {@code messaging.message.body.size}: payload size in bytes. */
  public static final AttributeKey<Long> MESSAGING_MESSAGE_BODY_SIZE =
      AttributeKey.longKey("messaging.message.body.size");

  /** {@code messaging.consumer.group.name}: the JetStream consumer (durable) name. */
  public static final AttributeKey<String> MESSAGING_CONSUMER_GROUP_NAME =
      AttributeKey.stringKey("messaging.consumer.group.name");

  /** {@code messaging.nats.stream.name}: the JetStream stream that stored the message. */
  public static final AttributeKey<String> NATS_STREAM_NAME =
      AttributeKey.stringKey("messaging.nats.stream.name");

  /** {@code messaging.nats.stream.sequence}: the message's sequence number in its stream. */
  public static final AttributeKey<Long> NATS_STREAM_SEQUENCE =
      AttributeKey.longKey("messaging.nats.stream.sequence");

  /** {@code messaging.nats.ack.duplicate}: the publish ack reported an already stored message. */
  public static final AttributeKey<Boolean> NATS_ACK_DUPLICATE =
      AttributeKey.booleanKey("messaging.nats.ack.duplicate");

  /** {@code messaging.nats.message.delivery_count}: how many times JetStream delivered it (1 = first). */
  public static final AttributeKey<Long> NATS_MESSAGE_DELIVERY_COUNT =
      AttributeKey.longKey("messaging.nats.message.delivery_count");

  /** {@code error.type}: the exception class name when the operation failed. */
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** Value of {@code messaging.system}. */
  public static final String SYSTEM_NATS = "nats";

  /** {@code messaging.operation.type} of the producer span (the conventions' successor of "publish"). */
  public static final String OPERATION_TYPE_SEND = "send";

  /** {@code messaging.operation.name} of the producer span, and first word of its name. */
  public static final String OPERATION_PUBLISH = "publish";

  /** {@code messaging.operation.type} and {@code .name} of the consumer span, first word of its name. */
  public static final String OPERATION_PROCESS = "process";

  /** Value of {@code error.type} when a failure has no exception. */
  public static final String ERROR_TYPE_OTHER = "_OTHER";

  /** The NATS header holding the message id used for JetStream de-duplication. */
  public static final String NATS_MSG_ID_HEADER = "Nats-Msg-Id";

  private MessagingAttributes() {}
}
