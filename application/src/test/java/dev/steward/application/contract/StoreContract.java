package dev.steward.application.contract;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.in.RoleAssignmentQuery;
import dev.steward.application.port.out.AuditRecord;
import dev.steward.application.port.out.Transactions;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the store ports (catalogs, role assignments, access packages, audit
 * trail and the transactions around them) must do. Run against the in-memory fake and against
 * Postgres.
 */
public abstract class StoreContract {
  private static final Instant T0 = Instant.parse("2026-02-03T04:05:06.123456Z");

  protected abstract Transactions transactions();

  /** Puts access packages into a catalog by whatever means the implementation has. */
  protected abstract void givenAccessPackages(CatalogId catalog, int count);

  protected Catalog catalog(String name) {
    return new Catalog(
        new CatalogId(Guid.random()),
        name,
        "about " + name,
        Catalog.State.PUBLISHED,
        false,
        T0,
        T0);
  }

  protected Catalog saved(String name) {
    Catalog c = catalog(name);
    await(transactions().inTransaction(uow -> uow.catalogs().insert(c)));
    return c;
  }

  protected static RoleAssignment assignment(
      PrincipalId principal, RoleDefinition role, Scope scope) {
    return new RoleAssignment(
        new RoleAssignmentId(Guid.random()), principal, PrincipalType.USER, role, scope, T0);
  }

  protected RoleAssignment add(RoleAssignment a) {
    await(transactions().inTransaction(uow -> uow.roleAssignments().add(a)));
    return a;
  }

  @Test
  void aCatalogIsStoredAndReadBackExactly() {
    Catalog c = saved("Finance");
    Catalog found = await(transactions().read(uow -> uow.catalogs().find(c.id()))).orElseThrow();
    assertEquals(c, found);
    assertTrue(
        await(transactions().read(uow -> uow.catalogs().find(new CatalogId(Guid.random()))))
            .isEmpty());
  }

  @Test
  void aCatalogIsUpdated() {
    Catalog c = saved("Old");
    Catalog changed = c.with("New", "", Catalog.State.UNPUBLISHED, true, T0.plusSeconds(60));
    await(transactions().inTransaction(uow -> uow.catalogs().update(changed)));
    assertEquals(
        changed,
        await(transactions().read(uow -> uow.catalogs().findForUpdate(c.id()))).orElseThrow());
  }

  @Test
  void catalogsListInIdOrderWithFiltersAndPaging() {
    Catalog a = saved("A");
    Catalog b = saved("B");
    Catalog c = saved("C");
    List<Catalog> only =
        await(
            transactions()
                .read(uow -> uow.catalogs().list(Optional.of(Set.of(a.id(), c.id())), null, 10)));
    assertEquals(2, only.size());
    assertTrue(only.get(0).id().value().compareTo(only.get(1).id().value()) < 0);
    List<Catalog> firstOfThree =
        await(
            transactions()
                .read(
                    uow ->
                        uow.catalogs().list(Optional.of(Set.of(a.id(), b.id(), c.id())), null, 1)));
    List<Catalog> rest =
        await(
            transactions()
                .read(
                    uow ->
                        uow.catalogs()
                            .list(
                                Optional.of(Set.of(a.id(), b.id(), c.id())),
                                firstOfThree.get(0).id().value(),
                                10)));
    assertEquals(1, firstOfThree.size());
    assertEquals(2, rest.size());
    assertTrue(
        await(transactions().read(uow -> uow.catalogs().list(Optional.of(Set.of()), null, 10)))
            .isEmpty());
  }

  @Test
  void theSameGrantCannotBeStoredTwice() {
    Catalog c = saved("Dup");
    PrincipalId p = new PrincipalId(Guid.random());
    add(assignment(p, RoleDefinition.ACCESS_PACKAGE_MANAGER, c.scope()));
    DomainException e =
        assertThrows(
            DomainException.class,
            () -> add(assignment(p, RoleDefinition.ACCESS_PACKAGE_MANAGER, c.scope())));
    assertEquals(DomainException.Reason.ALREADY_ASSIGNED, e.reason());
    add(assignment(p, RoleDefinition.CATALOG_READER, c.scope()));
  }

  @Test
  void assignmentsAreFoundQueriedAndRemoved() {
    Catalog c = saved("Q");
    Catalog other = saved("Other");
    PrincipalId alice = new PrincipalId(Guid.random());
    PrincipalId bob = new PrincipalId(Guid.random());
    RoleAssignment a1 = add(assignment(alice, RoleDefinition.ACCESS_PACKAGE_MANAGER, c.scope()));
    add(assignment(bob, RoleDefinition.CATALOG_OWNER, c.scope()));
    add(assignment(alice, RoleDefinition.CATALOG_OWNER, other.scope()));
    add(assignment(alice, RoleDefinition.CATALOG_CREATOR, Scope.TENANT));

    assertEquals(
        a1, await(transactions().read(uow -> uow.roleAssignments().find(a1.id()))).orElseThrow());
    RoleAssignmentQuery managersInC =
        new RoleAssignmentQuery(
            Optional.empty(),
            Optional.of(Set.of(RoleDefinition.ACCESS_PACKAGE_MANAGER)),
            Optional.of(Set.of(c.scope())),
            null,
            10);
    assertEquals(
        List.of(a1), await(transactions().read(uow -> uow.roleAssignments().query(managersInC))));
    RoleAssignmentQuery alicesAll =
        new RoleAssignmentQuery(
            Optional.of(Set.of(alice)), Optional.empty(), Optional.empty(), null, 10);
    assertEquals(
        3, await(transactions().read(uow -> uow.roleAssignments().query(alicesAll))).size());
    assertEquals(
        4,
        await(transactions().read(uow -> uow.roleAssignments().heldBy(Set.of(alice, bob)))).size());
    assertEquals(
        2, await(transactions().read(uow -> uow.roleAssignments().inScope(c.scope()))).size());
    assertEquals(
        (Long) 1L, await(transactions().read(uow -> uow.roleAssignments().countOwners(c.id()))));

    await(transactions().inTransaction(uow -> uow.roleAssignments().remove(a1.id())));
    assertTrue(await(transactions().read(uow -> uow.roleAssignments().find(a1.id()))).isEmpty());
  }

  @Test
  void queryPagesByIdAfterTheLastOne() {
    Catalog c = saved("Paging");
    for (int i = 0; i < 5; i++) {
      add(assignment(new PrincipalId(Guid.random()), RoleDefinition.CATALOG_READER, c.scope()));
    }
    RoleAssignmentQuery first =
        new RoleAssignmentQuery(
            Optional.empty(), Optional.empty(), Optional.of(Set.of(c.scope())), null, 3);
    List<RoleAssignment> page1 =
        await(transactions().read(uow -> uow.roleAssignments().query(first)));
    RoleAssignmentQuery second =
        new RoleAssignmentQuery(
            Optional.empty(),
            Optional.empty(),
            Optional.of(Set.of(c.scope())),
            page1.get(2).id().value(),
            3);
    List<RoleAssignment> page2 =
        await(transactions().read(uow -> uow.roleAssignments().query(second)));
    assertEquals(3, page1.size());
    assertEquals(2, page2.size());
    assertTrue(page1.stream().noneMatch(page2::contains));
  }

  @Test
  void deletingACatalogTakesItsRoleAssignmentsWithIt() {
    Catalog c = saved("Gone");
    RoleAssignment a =
        add(assignment(new PrincipalId(Guid.random()), RoleDefinition.CATALOG_OWNER, c.scope()));
    await(transactions().inTransaction(uow -> uow.catalogs().delete(c.id())));
    assertTrue(await(transactions().read(uow -> uow.catalogs().find(c.id()))).isEmpty());
    assertTrue(await(transactions().read(uow -> uow.roleAssignments().find(a.id()))).isEmpty());
  }

  @Test
  void accessPackagesAreCountedPerCatalog() {
    Catalog c = saved("Packages");
    Catalog empty = saved("Empty");
    givenAccessPackages(c.id(), 3);
    assertEquals(
        (Long) 3L, await(transactions().read(uow -> uow.accessPackages().countInCatalog(c.id()))));
    assertEquals(
        (Long) 0L,
        await(transactions().read(uow -> uow.accessPackages().countInCatalog(empty.id()))));
  }

  @Test
  void aFailedTransactionLeavesNothingBehind() {
    Catalog c = catalog("Rolled back");
    RuntimeException boom = new IllegalStateException("boom");
    assertThrows(
        IllegalStateException.class,
        () ->
            await(
                transactions()
                    .inTransaction(
                        uow ->
                            uow.catalogs()
                                .insert(c)
                                .compose(
                                    ok ->
                                        uow.roleAssignments()
                                            .add(
                                                assignment(
                                                    new PrincipalId(Guid.random()),
                                                    RoleDefinition.CATALOG_OWNER,
                                                    c.scope())))
                                .compose(ok -> Future.<Void>failedFuture(boom)))));
    assertTrue(await(transactions().read(uow -> uow.catalogs().find(c.id()))).isEmpty());
    assertEquals(
        (Long) 0L, await(transactions().read(uow -> uow.roleAssignments().countOwners(c.id()))));
  }

  @Test
  void auditRecordsAreAppendedAndReadNewestFirst() {
    String target = Guid.random();
    AuditRecord first =
        new AuditRecord(
            Guid.random(),
            T0.truncatedTo(ChronoUnit.MICROS),
            Guid.random(),
            "catalog.create",
            "catalog",
            target,
            null,
            Map.of("displayName", "X"),
            "req-1");
    AuditRecord second =
        new AuditRecord(
            Guid.random(),
            T0.plusSeconds(1),
            Guid.random(),
            "catalog.delete",
            "catalog",
            target,
            Map.of("displayName", "X"),
            null,
            "req-2");
    await(transactions().inTransaction(uow -> uow.auditTrail().append(first)));
    await(transactions().inTransaction(uow -> uow.auditTrail().append(second)));
    List<AuditRecord> found =
        await(transactions().read(uow -> uow.auditTrail().forTarget(target, 10)));
    assertEquals(List.of(second, first), found);
    assertNull(found.get(1).before());
  }
}
