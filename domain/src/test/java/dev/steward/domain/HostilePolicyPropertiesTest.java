package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Policy documents built from random keys, types and nesting are read or refused with InvalidModel
 * naming a field — never a crash of another kind.
 */
class HostilePolicyPropertiesTest {
  private static final List<String> KEYS =
      List.of(
          "allowedTargetScope",
          "specificAllowedTargets",
          "requestorSettings",
          "requestApprovalSettings",
          "expiration",
          "reviewSettings",
          "stages",
          "type",
          "duration",
          "endDateTime",
          "@odata.type",
          "userId",
          "groupId",
          "managerLevel",
          "primaryApprovers",
          "fallbackPrimaryApprovers",
          "durationBeforeAutomaticDenial",
          "isApprovalRequiredForAdd",
          "enableTargetsToSelfAddAccess",
          "surprise");

  private static Arbitrary<Object> leaves() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
        Arbitraries.of(
                "specificDirectoryUsers",
                "afterDuration",
                "P30D",
                "P1Y",
                "PT-1H",
                "#microsoft.graph.singleUser",
                "#microsoft.graph.requestorManager",
                "1c000000-0000-4000-8000-000000000001",
                "2026-01-01T00:00:00Z",
                "noExpiration")
            .map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.of(true, false).map(b -> (Object) b));
  }

  /** Values nested at most {@code depth} objects deep. */
  private static Arbitrary<Object> values(int depth) {
    if (depth == 0) {
      return leaves();
    }
    Arbitrary<Map<String, Object>> inner = maps(values(depth - 1));
    return Arbitraries.oneOf(
        leaves(), inner.map(m -> (Object) m), inner.list().ofMaxSize(3).map(l -> (Object) l));
  }

  private static Arbitrary<Map<String, Object>> maps(Arbitrary<Object> inner) {
    return Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(4).map(HashMap::new);
  }

  @Provide
  Arbitrary<Map<String, Object>> documents() {
    return maps(values(3));
  }

  @Property(tries = 800)
  void anyDocumentIsReadOrRefusedAsInvalidModel(@ForAll("documents") Map<String, Object> body) {
    try {
      AssignmentPolicy.Settings s = PolicyDocument.read(body);
      assertEquals(s, PolicyDocument.read(PolicyDocument.write(s)));
    } catch (DomainException e) {
      assertEquals(DomainException.Reason.INVALID_MODEL, e.reason(), e.getMessage());
    }
  }
}
