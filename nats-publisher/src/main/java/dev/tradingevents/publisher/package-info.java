/**
 * Publishing typed events into JetStream from a trading service's hot path.
 *
 * <p>{@link dev.tradingevents.publisher.EventPublisher} encodes an event, stamps its identity, type and
 * trace context into headers and publishes it asynchronously within a bounded in-flight window; the
 * returned future completes with the stream's ack or with a {@link
 * dev.tradingevents.publisher.PublishFailedException} naming the event and the cause. {@link
 * dev.tradingevents.publisher.StreamSetup} provisions the stream the events go to.
 */
package dev.tradingevents.publisher;
