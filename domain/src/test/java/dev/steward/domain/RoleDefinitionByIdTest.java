package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleDefinitionByIdTest {
  @Test
  void everyRoleIsFoundByItsIdInAnyCase() {
    for (RoleDefinition r : RoleDefinition.values()) {
      assertEquals(Optional.of(r), RoleDefinition.byId(r.id()));
      assertEquals(Optional.of(r), RoleDefinition.byId(r.id().toUpperCase(Locale.ROOT)));
    }
  }

  @Test
  void anUnknownOrMissingIdFindsNoRole() {
    assertTrue(RoleDefinition.byId("00000000-0000-4000-8000-000000000000").isEmpty());
    assertTrue(RoleDefinition.byId("").isEmpty());
    assertTrue(RoleDefinition.byId(null).isEmpty());
  }
}
