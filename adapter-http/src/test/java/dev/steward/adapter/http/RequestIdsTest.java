package dev.steward.adapter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.domain.Guid;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Request ids Steward makes: version-4 GUIDs, lower case, each new. */
class RequestIdsTest {
  @Test
  void aFreshIdIsARandomVersion4GuidNeverGivenBefore() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestIds.fresh();
      assertTrue(Guid.isValid(id), id);
      assertEquals(id.toLowerCase(java.util.Locale.ROOT), id);
      UUID parsed = UUID.fromString(id);
      assertEquals(4, parsed.version(), id);
      assertEquals(2, parsed.variant(), id);
      assertTrue(seen.add(id), "given twice: " + id);
    }
  }
}
