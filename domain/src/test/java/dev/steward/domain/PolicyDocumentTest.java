package dev.steward.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and writing policy settings in Graph's shape, and the rules they must keep. */
class PolicyDocumentTest {
  private static final String USER = "1c000000-0000-4000-8000-000000000005";
  private static final String GROUP = "1d000000-0000-4000-8000-000000000005";

  private static Map<String, Object> user(String id) {
    return new HashMap<>(Map.of("@odata.type", "#microsoft.graph.singleUser", "userId", id));
  }

  private static Map<String, Object> stage() {
    Map<String, Object> s = new HashMap<>();
    s.put("durationBeforeAutomaticDenial", "P7D");
    s.put(
        "primaryApprovers",
        List.of(Map.of("@odata.type", "#microsoft.graph.requestorManager", "managerLevel", 1)));
    s.put("fallbackPrimaryApprovers", List.of(user(USER)));
    return s;
  }

  /** "Members of group X may request; their manager approves, fallback Y; access lasts 30 days." */
  private static Map<String, Object> body() {
    Map<String, Object> b = new HashMap<>();
    b.put("allowedTargetScope", "specificDirectoryUsers");
    b.put(
        "specificAllowedTargets",
        List.of(Map.of("@odata.type", "#microsoft.graph.groupMembers", "groupId", GROUP)));
    b.put("requestorSettings", Map.of("enableTargetsToSelfAddAccess", true));
    b.put(
        "requestApprovalSettings",
        new HashMap<>(
            Map.of("isApprovalRequiredForAdd", true, "stages", new ArrayList<>(List.of(stage())))));
    b.put("expiration", new HashMap<>(Map.of("type", "afterDuration", "duration", "P30D")));
    return b;
  }

  private static String refusedField(Map<String, Object> body) {
    return assertThrows(DomainException.class, () -> PolicyDocument.read(body)).field();
  }

  @Test
  void theSeedsPolicyReadsAsItSays() {
    AssignmentPolicy.Settings s = PolicyDocument.read(body());
    assertEquals(AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS, s.allowedTargetScope());
    assertEquals(
        List.of(new SubjectSet.GroupMembers(new PrincipalId(GROUP), "")),
        s.specificAllowedTargets());
    assertEquals(Duration.ofDays(30), s.expiration().duration());
    AssignmentPolicy.ApprovalStage stage = s.requestApprovalSettings().stages().get(0);
    assertEquals(List.of(new SubjectSet.RequestorManager(1)), stage.primaryApprovers());
    assertEquals(
        List.of(new SubjectSet.SingleUser(new PrincipalId(USER), "")),
        stage.fallbackPrimaryApprovers());
  }

  @Test
  void writingAndReadingAgainGivesTheSameSettings() {
    AssignmentPolicy.Settings s = PolicyDocument.read(body());
    assertEquals(s, PolicyDocument.read(PolicyDocument.write(s)));
    @SuppressWarnings("unchecked")
    Map<String, Object> exp = (Map<String, Object>) PolicyDocument.write(s).get("expiration");
    assertEquals("P30D", exp.get("duration"));
  }

  @Test
  void anEmptyBodyMeansNoTargetsNoApprovalAndNoExpiry() {
    AssignmentPolicy.Settings s = PolicyDocument.read(Map.of());
    assertEquals(AssignmentPolicy.TargetScope.NOT_SPECIFIED, s.allowedTargetScope());
    assertEquals(AssignmentPolicy.Expiration.never(), s.expiration());
  }

  @Test
  void eachBadFieldIsNamed() {
    Map<String, Object> b = body();
    b.put("allowedTargetScope", "allExternalUsers");
    assertEquals("allowedTargetScope", refusedField(b));

    b = body();
    b.put("specificAllowedTargets", List.of());
    assertEquals("specificAllowedTargets", refusedField(b));

    b = body();
    b.put("expiration", Map.of("type", "afterDuration", "duration", "P3661D"));
    assertEquals("expiration.duration", refusedField(b));

    b = body();
    b.put("expiration", Map.of("type", "afterDuration", "duration", "P1Y"));
    assertEquals("expiration.duration", refusedField(b));

    b = body();
    b.put("expiration", Map.of("type", "noExpiration", "duration", "P1D"));
    assertEquals("expiration", refusedField(b));

    b = body();
    b.put("expiration", Map.of("type", "whenever"));
    assertEquals("expiration.type", refusedField(b));

    b = body();
    b.put("requestorSettings", Map.of("enableTargetsToSelfAddAccess", "yes"));
    assertEquals("requestorSettings.enableTargetsToSelfAddAccess", refusedField(b));

    b = body();
    b.put("requestorSettings", Map.of("surprise", true));
    assertEquals("requestorSettings.surprise", refusedField(b));
  }

  @Test
  void approvalStagesKeepTheirRules() {
    Map<String, Object> b = body();
    approval(b).put("stages", List.of(stage(), stage(), stage(), stage()));
    assertEquals("requestApprovalSettings.stages", refusedField(b));

    b = body();
    approval(b).put("stages", List.of());
    assertEquals("requestApprovalSettings.stages", refusedField(b));

    b = body();
    Map<String, Object> noFallback = stage();
    noFallback.remove("fallbackPrimaryApprovers");
    approval(b).put("stages", List.of(noFallback));
    assertEquals("requestApprovalSettings.stages.fallbackPrimaryApprovers", refusedField(b));

    b = body();
    Map<String, Object> tooLong = stage();
    tooLong.put("durationBeforeAutomaticDenial", "P15D");
    approval(b).put("stages", List.of(tooLong));
    assertEquals("requestApprovalSettings.stages.durationBeforeAutomaticDenial", refusedField(b));

    b = body();
    Map<String, Object> lateEscalation = stage();
    lateEscalation.put("isEscalationEnabled", true);
    lateEscalation.put("durationBeforeEscalation", "P7D");
    lateEscalation.put("escalationApprovers", List.of(user(USER)));
    approval(b).put("stages", List.of(lateEscalation));
    assertEquals("requestApprovalSettings.stages.durationBeforeEscalation", refusedField(b));

    b = body();
    Map<String, Object> badType = stage();
    badType.put(
        "primaryApprovers", List.of(Map.of("@odata.type", "#microsoft.graph.internalSponsors")));
    approval(b).put("stages", List.of(badType));
    assertEquals(
        "requestApprovalSettings.stages[0].primaryApprovers[0].@odata.type", refusedField(b));

    b = body();
    Map<String, Object> badId = stage();
    badId.put("fallbackPrimaryApprovers", List.of(user("*)(uid=*")));
    approval(b).put("stages", List.of(badId));
    assertEquals(
        "requestApprovalSettings.stages[0].fallbackPrimaryApprovers[0].userId", refusedField(b));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> approval(Map<String, Object> body) {
    return (Map<String, Object>) body.get("requestApprovalSettings");
  }

  @Test
  void resourceRolesAreMemberOrOwnerOfTheResourcesOwnGroup() {
    PrincipalId group = new PrincipalId(GROUP);
    assertEquals(ResourceRole.MEMBER, ResourceRole.parseOriginId("Member_" + GROUP, group));
    assertEquals(ResourceRole.OWNER, ResourceRole.parseOriginId("Owner_" + GROUP, group));
    assertThrows(DomainException.class, () -> ResourceRole.parseOriginId("Member_" + USER, group));
    assertThrows(DomainException.class, () -> ResourceRole.parseOriginId("Admin_" + GROUP, group));
    ResourceId r = new ResourceId(Guid.random());
    assertEquals(ResourceRole.MEMBER.roleId(r), ResourceRole.MEMBER.roleId(r));
  }
}
