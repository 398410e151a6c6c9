package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A request held for a custom extension that never answers ends failed, keeping what is true. */
class CustomExtensionTimeoutTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final AssignmentId EXISTING = new AssignmentId(Guid.random());

  private static AssignmentRequest held(AssignmentRequest.Type type, AssignmentId assignment) {
    return new AssignmentRequest(
            new RequestId(Guid.random()),
            type,
            AssignmentRequest.State.SUBMITTED,
            new AccessPackageId(Guid.random()),
            new PolicyId(Guid.random()),
            new CatalogId(Guid.random()),
            new PrincipalId(Guid.random()),
            new PrincipalId(Guid.random()),
            assignment,
            "",
            null,
            List.of(),
            "Submitted",
            NOW.minusSeconds(3600),
            null)
        .awaitingCustomExtension();
  }

  @Test
  void anExtensionThatTimedOutStillNamesTheAssignmentItWouldHaveExtended() {
    AssignmentRequest failed =
        held(AssignmentRequest.Type.USER_EXTEND, EXISTING).customExtensionTimedOut(NOW);
    assertEquals(AssignmentRequest.State.DELIVERY_FAILED, failed.state());
    assertEquals("CustomExtensionCallbackTimedOut", failed.status());
    assertEquals(EXISTING, failed.assignmentId());
  }

  @Test
  void aRequestForNewAccessThatTimedOutNamesNoAssignment() {
    AssignmentRequest failed =
        held(AssignmentRequest.Type.USER_ADD, new AssignmentId(Guid.random()))
            .customExtensionTimedOut(NOW);
    assertEquals(AssignmentRequest.State.DELIVERY_FAILED, failed.state());
    assertNull(failed.assignmentId());
  }
}
