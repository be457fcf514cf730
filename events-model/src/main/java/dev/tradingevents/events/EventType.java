package dev.tradingevents.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type there is, with its wire name (the record's simple name, used as {@code event_type},
 * {@code ce-type} and the last subject token), its category and the version of its JSON schema.
 *
 * <p>A schema version changes only when a type changes incompatibly (a field removed or retyped, a new
 * required field); adding an optional field keeps the version. {@code EventSchemaCompatibilityTest} holds
 * the records to that rule against the schema files shipped in this jar.
 */
public enum EventType {
  PRICE_UPDATE(PriceUpdate.class, EventCategory.MARKET, 1),
  SWAP_ROUTE(SwapRoute.class, EventCategory.MARKET, 1),
  SLOT_UPDATE(SlotUpdate.class, EventCategory.MARKET, 1),
  POOL_STATE_CHANGE(PoolStateChange.class, EventCategory.MARKET, 1),
  LIQUIDITY_UPDATE(LiquidityUpdate.class, EventCategory.MARKET, 1),
  LARGE_TRADE(LargeTrade.class, EventCategory.MARKET, 1),
  SPREAD_UPDATE(SpreadUpdate.class, EventCategory.MARKET, 1),
  VOLUME_SPIKE(VolumeSpike.class, EventCategory.MARKET, 1),
  ARBITRAGE_OPPORTUNITY(ArbitrageOpportunity.class, EventCategory.ARBITRAGE, 1),
  SYSTEM_LIFECYCLE(SystemLifecycle.class, EventCategory.SYSTEM, 1),
  CONNECTION_EVENT(ConnectionEvent.class, EventCategory.SYSTEM, 1),
  DRIFT_EVENT(DriftEvent.class, EventCategory.SYSTEM, 1),
  STALL_EVENT(StallEvent.class, EventCategory.SYSTEM, 1);

  private static final Map<String, EventType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
  private static final Map<Class<?>, EventType> BY_CLASS =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.javaType, Function.identity()));

  private final Class<? extends TradingEvent> javaType;
  private final EventCategory category;
  private final int schemaVersion;

  EventType(Class<? extends TradingEvent> javaType, EventCategory category, int schemaVersion) {
    this.javaType = javaType;
    this.category = category;
    this.schemaVersion = schemaVersion;
  }

  /** The name on the wire and in logs, e.g. {@code PriceUpdate}. */
  public String wireName() {
    return javaType.getSimpleName();
  }

  public Class<? extends TradingEvent> javaType() {
    return javaType;
  }

  public EventCategory category() {
    return category;
  }

  /** The version of this type's JSON schema that this build writes and reads. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * The class-path resource holding this type's JSON Schema at its current version, e.g. {@code
   * /dev/tradingevents/events/schema/PriceUpdate.v1.schema.json}.
   */
  public String schemaResource() {
    return "/dev/tradingevents/events/schema/" + wireName() + ".v" + schemaVersion + ".schema.json";
  }

  /** The type with this wire name ({@code PriceUpdate}), if there is one. */
  public static Optional<EventType> fromWireName(String wireName) {
    return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
  }

  /** The type of an event class. */
  public static EventType of(Class<? extends TradingEvent> javaType) {
    EventType type = BY_CLASS.get(javaType);
    if (type == null) {
      throw new IllegalArgumentException("not an event type: " + javaType.getName());
    }
    return type;
  }
}
