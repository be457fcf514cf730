package dev.tradingevents.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void idsAreVersion7UuidsCarryingTheirMillisecond() {
    UUID id = UUID.fromString(EventIds.newId());

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
  }

  @Test
  void idsOfLaterMillisecondsSortAfterEarlierOnes() {
    String earlier = EventIds.newUuid(1_700_000_000_000L).toString();
    String later = EventIds.newUuid(1_700_000_000_001L).toString();

    assertThat(later).isGreaterThan(earlier);
  }

  @Test
  void idsDoNotRepeat() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(EventIds.newId());
    }
    assertThat(ids).hasSize(100_000);
  }

  @Test
  void idsAreValidEventIds() {
    new StallEvent(EventIds.newId(), java.time.Instant.EPOCH, "svc", "stage", 0, 0, 0);
  }
}
