package dev.steward.application.service.requests;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.application.port.in.requests.RequestAccessUseCase.SubmitRequest;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.Answer;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.Catalog;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.Question;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.SubjectSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A policy's questions: answers refused when missing or invalid, kept and shown to approvers. */
class QuestionsOnRequestsTest {
  private final World w = new World();
  private final Principal owner = w.user("owner");
  private final Principal approver = w.user("approver");
  private final Principal employee = w.user("employee");
  private final AccessPackage pkg;
  private final AssignmentPolicy policy;

  QuestionsOnRequestsTest() {
    await(
        w.roles.assign(
            as(w.admin), new AssignRole(owner.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    Catalog catalog =
        await(
            w.catalogs.create(
                as(owner), new CreateCatalog("Q", "", Optional.empty(), Optional.empty())));
    pkg =
        await(w.packages.create(as(owner), new CreateAccessPackage(catalog.id(), "P", "", false)));
    AssignmentPolicy.Settings s =
        new AssignmentPolicy.Settings(
            AssignmentPolicy.TargetScope.ALL_DIRECTORY_USERS,
            List.of(),
            new AssignmentPolicy.RequestorSettings(true, false, true, false, false, false, false),
            new AssignmentPolicy.ApprovalSettings(
                true,
                false,
                false,
                List.of(
                    new AssignmentPolicy.ApprovalStage(
                        Duration.ofDays(7),
                        false,
                        List.of(new SubjectSet.SingleUser(approver.id(), "")),
                        List.of(),
                        false,
                        null,
                        List.of(),
                        List.of()))),
            AssignmentPolicy.Expiration.never(),
            AssignmentPolicy.ReviewSettings.none(),
            AssignmentPolicy.NotificationSettings.on(),
            null,
            List.of(
                new Question.TextInput(
                    null, 1, true, false, "Cost centre", List.of(), true, "CC-[0-9]{4}"),
                new Question.MultipleChoice(
                    null,
                    2,
                    true,
                    false,
                    "Region",
                    List.of(),
                    List.of(
                        new Question.Choice("emea", "Europe", List.of()),
                        new Question.Choice("amer", "Americas", List.of())),
                    false)));
    policy = await(w.policies.create(as(owner), new PolicyDraft(pkg.id(), "Ask", "", s)));
  }

  private String id(int i) {
    return policy.settings().questions().get(i).id();
  }

  private AssignmentRequest submit(List<Answer> answers) {
    return await(
        w.requests.submit(
            as(employee),
            new SubmitRequest(
                AssignmentRequest.Type.USER_ADD,
                pkg.id(),
                policy.id(),
                null,
                null,
                "",
                null,
                answers)));
  }

  @Test
  void questionsGetIdsWhenThePolicyIsWritten() {
    assertNotNull(id(0));
    assertNotNull(id(1));
  }

  @Test
  void missingOrInvalidAnswersAreRefusedNamingTheQuestion() {
    DomainException missing = assertThrows(DomainException.class, () -> submit(List.of()));
    assertTrue(missing.getMessage().contains("'Cost centre'"), missing.getMessage());
    DomainException badText =
        assertThrows(
            DomainException.class,
            () -> submit(List.of(Answer.given(id(0), "12"), Answer.given(id(1), "emea"))));
    assertTrue(badText.getMessage().contains("'Cost centre'"), badText.getMessage());
    DomainException badChoice =
        assertThrows(
            DomainException.class,
            () -> submit(List.of(Answer.given(id(0), "CC-1234"), Answer.given(id(1), "apac"))));
    assertTrue(badChoice.getMessage().contains("'Region'"), badChoice.getMessage());
    assertTrue(
        await(w.approvals.awaitingMe(as(approver), null, 10)).items().isEmpty(),
        "nothing was submitted");
  }

  @Test
  void validAnswersAreKeptAndTheApproverSeesThem() {
    AssignmentRequest r =
        submit(List.of(Answer.given(id(0), "CC-1234"), Answer.given(id(1), "amer")));
    AssignmentRequest seen = await(w.approvals.approval(as(approver), r.id()));
    assertEquals(2, seen.answers().size());
    assertEquals("Cost centre", seen.answers().get(0).questionText());
    assertEquals("CC-1234", seen.answers().get(0).value());
    assertEquals("Americas", seen.answers().get(1).displayValue());
  }

  @Test
  void theCallerSeesTheQuestionsOfThePoliciesTheyMayRequestUnder() {
    List<AssignmentPolicy> applicable =
        await(w.requestable.applicablePolicies(as(employee), pkg.id()));
    assertEquals(1, applicable.size());
    assertEquals(2, applicable.get(0).settings().questions().size());
  }
}
