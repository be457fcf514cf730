/**
 * The typed events of a trading system and their wire form.
 *
 * <p>Every event is an immutable record implementing {@link dev.tradingevents.events.TradingEvent}: it
 * validates its fields when constructed, so an instance that exists is a valid event. {@link
 * dev.tradingevents.events.EventCodec} turns events into JSON (snake_case, exact decimals, RFC 3339
 * timestamps with nanoseconds) and back; {@link dev.tradingevents.events.EventSubjects} names the NATS
 * subject of each type and {@link dev.tradingevents.events.EventHeaders} the message headers that carry
 * an event's identity and context.
 */
package dev.tradingevents.events;
