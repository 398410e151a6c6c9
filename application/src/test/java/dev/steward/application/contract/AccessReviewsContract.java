package dev.steward.application.contract;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.reviews.AccessReviews;
import dev.steward.domain.AccessReviewDecision;
import dev.steward.domain.AccessReviewDefinition;
import dev.steward.domain.AccessReviewInstance;
import dev.steward.domain.CatalogId;
import dev.steward.domain.Guid;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ReviewSchedule;
import dev.steward.domain.SubjectSet;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What every access review store must do: keep definitions, instances and decision items exactly as
 * written, find a policy's definition, list by catalog and scope text, start an occurrence once,
 * list the items a reviewer may decide, and forget a deleted definition's instances and items. Run
 * against the in-memory fake and against Postgres.
 */
public abstract class AccessReviewsContract {
  private static final Instant T0 = Instant.parse("2026-05-01T10:00:00.123456Z");

  /** Transactions over a store that holds nothing yet. */
  protected abstract Transactions transactions();

  private <T> T tx(Function<AccessReviews, Future<T>> work) {
    return await(transactions().inTransaction(uow -> work.apply(uow.accessReviews())));
  }

  private static AccessReviewDefinition definition(
      CatalogId catalog, Optional<PolicyId> policy, AccessReviewDefinition.Kind kind) {
    return new AccessReviewDefinition(
        Guid.random(),
        kind,
        "Quarterly",
        "for auditors",
        "please look",
        catalog,
        policy,
        Guid.random(),
        List.of(
            new SubjectSet.SingleUser(new PrincipalId(Guid.random()), "lead"),
            new SubjectSet.GroupMembers(new PrincipalId(Guid.random()), ""),
            new SubjectSet.RequestorManager(1)),
        List.of(new SubjectSet.SingleUser(new PrincipalId(Guid.random()), "")),
        false,
        true,
        true,
        AccessReviewDefinition.Behaviour.ACCEPT_RECOMMENDATION,
        true,
        new ReviewSchedule(
            T0,
            Duration.ofDays(7),
            ReviewSchedule.Pattern.ABSOLUTE_MONTHLY,
            3,
            ReviewSchedule.Range.END_DATE,
            LocalDate.parse("2027-12-31"),
            0),
        new PrincipalId(Guid.random()),
        T0,
        T0.plusSeconds(5),
        2);
  }

  private static AccessReviewInstance instance(AccessReviewDefinition d, int index) {
    return new AccessReviewInstance(
        Guid.random(),
        d.id(),
        d.catalogId(),
        index,
        T0,
        T0.plus(Duration.ofDays(7)),
        AccessReviewInstance.Status.IN_PROGRESS,
        null);
  }

  private static AccessReviewDecision item(AccessReviewInstance i, Set<PrincipalId> reviewers) {
    return new AccessReviewDecision(
        Guid.random(),
        i.id(),
        i.definitionId(),
        new PrincipalId(Guid.random()),
        "Eve Example",
        "eve",
        Guid.random(),
        "Falcon developer",
        reviewers,
        AccessReviewDecision.Recommendation.DENY,
        "The user's account is disabled",
        AccessReviewDecision.Verdict.NOT_REVIEWED,
        "",
        null,
        null,
        AccessReviewDecision.ApplyResult.NEW,
        null,
        null);
  }

  @Test
  void aDefinitionReadsBackAsWrittenAndIsFoundByItsPolicy() {
    CatalogId catalog = new CatalogId(Guid.random());
    PolicyId policy = new PolicyId(Guid.random());
    AccessReviewDefinition d =
        definition(catalog, Optional.of(policy), AccessReviewDefinition.Kind.PACKAGE_ASSIGNMENTS);
    tx(r -> r.insertDefinition(d));
    assertEquals(Optional.of(d), tx(r -> r.findDefinition(d.id(), true)));
    assertEquals(Optional.of(d), tx(r -> r.definitionOfPolicy(policy)));
    AccessReviewDefinition moved = d.withStarted(3, T0.plusSeconds(60));
    tx(r -> r.updateDefinition(moved));
    assertEquals(3, tx(r -> r.findDefinition(d.id(), false)).orElseThrow().started());
    assertTrue(tx(r -> r.definitionOfPolicy(new PolicyId(Guid.random()))).isEmpty());
  }

  @Test
  void definitionsListByCatalogAndScopeText() {
    CatalogId mine = new CatalogId(Guid.random());
    CatalogId other = new CatalogId(Guid.random());
    AccessReviewDefinition pkg =
        definition(mine, Optional.empty(), AccessReviewDefinition.Kind.PACKAGE_ASSIGNMENTS);
    AccessReviewDefinition group =
        definition(mine, Optional.empty(), AccessReviewDefinition.Kind.GROUP_MEMBERS);
    AccessReviewDefinition elsewhere =
        definition(other, Optional.empty(), AccessReviewDefinition.Kind.GROUP_MEMBERS);
    tx(r -> r.insertDefinition(pkg).compose(x -> r.insertDefinition(group)));
    tx(r -> r.insertDefinition(elsewhere));
    List<AccessReviewDefinition> inMine =
        tx(r -> r.listDefinitions(Optional.of(Set.of(mine)), Optional.empty(), null, 10));
    assertEquals(Set.of(pkg, group), Set.copyOf(inMine));
    List<AccessReviewDefinition> packages =
        tx(
            r ->
                r.listDefinitions(
                    Optional.of(Set.of(mine, other)),
                    Optional.of("accessPackageAssignments"),
                    null,
                    10));
    assertEquals(List.of(pkg), packages);
    List<AccessReviewDefinition> firstPage =
        tx(r -> r.listDefinitions(Optional.of(Set.of(mine)), Optional.empty(), null, 1));
    List<AccessReviewDefinition> secondPage =
        tx(
            r ->
                r.listDefinitions(
                    Optional.of(Set.of(mine)), Optional.empty(), firstPage.get(0).id(), 10));
    assertEquals(1, firstPage.size());
    assertEquals(1, secondPage.size());
  }

  @Test
  void anOccurrenceStartsOnceAndItemsListByReviewer() {
    AccessReviewDefinition d =
        definition(
            new CatalogId(Guid.random()),
            Optional.empty(),
            AccessReviewDefinition.Kind.GROUP_MEMBERS);
    tx(r -> r.insertDefinition(d));
    AccessReviewInstance first = instance(d, 0);
    tx(r -> r.insertInstance(first));
    assertThrows(RuntimeException.class, () -> tx(r -> r.insertInstance(instance(d, 0))));
    PrincipalId paul = new PrincipalId(Guid.random());
    PrincipalId olivia = new PrincipalId(Guid.random());
    AccessReviewDecision forPaul = item(first, Set.of(paul, olivia));
    AccessReviewDecision forOlivia = item(first, Set.of(olivia));
    tx(r -> r.insertDecisions(List.of(forPaul, forOlivia)));
    assertEquals(Optional.of(forPaul), tx(r -> r.findDecision(forPaul.id())));
    assertEquals(List.of(forPaul), tx(r -> r.decisionsOf(first.id(), Optional.of(paul), null, 10)));
    assertEquals(2, tx(r -> r.decisionsOf(first.id(), Optional.empty(), null, 10)).size());
    assertEquals(List.of(first), tx(r -> r.instancesWithReviewer(paul)));
    assertTrue(tx(r -> r.instancesWithReviewer(new PrincipalId(Guid.random()))).isEmpty());

    AccessReviewDecision decided =
        forPaul
            .decide(paul, AccessReviewDecision.Verdict.DENY, "left", false, true, T0.plusSeconds(9))
            .applied(
                AccessReviewDecision.ApplyResult.APPLIED_SUCCESSFULLY, paul, T0.plusSeconds(99));
    tx(r -> r.updateDecision(decided));
    assertEquals(Optional.of(decided), tx(r -> r.findDecision(forPaul.id())));

    AccessReviewInstance applied = first.completed(T0.plusSeconds(10)).applied(T0.plusSeconds(20));
    tx(r -> r.updateInstance(applied));
    assertEquals(Optional.of(applied), tx(r -> r.findInstance(first.id(), true)));
    assertEquals(List.of(applied), tx(r -> r.instancesOf(d.id())));

    tx(r -> r.deleteDefinition(d.id()));
    assertTrue(tx(r -> r.findInstance(first.id(), false)).isEmpty());
    assertTrue(tx(r -> r.findDecision(forPaul.id())).isEmpty());
  }
}
