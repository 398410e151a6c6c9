package dev.steward.application.contract;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.in.requests.RequestFilter;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.audit.AuditRecord;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.Assignment;
import dev.steward.domain.AssignmentId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.AssignmentRequest;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RequestId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRole;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import dev.steward.domain.SubjectSet;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every implementation of the store ports (catalogs, role assignments, access packages, audit
 * trail and the transactions around them) must do. Run against the in-memory fake and against
 * Postgres.
 */
public abstract class StoreContract {
  private static final Instant T0 = Instant.parse("2026-02-03T04:05:06.123456Z");

  protected abstract Transactions transactions();

  /** Gives a package assignments by whatever means the implementation has. */
  protected abstract void givenAssignments(AccessPackageId pkg, int count);

  protected AccessPackage savedPackage(Catalog c, String name) {
    AccessPackage p =
        new AccessPackage(new AccessPackageId(Guid.random()), c.id(), name, "d", false, T0, T0);
    await(transactions().inTransaction(uow -> uow.accessPackages().insert(p)));
    return p;
  }

  protected CatalogResource savedResource(Catalog c, PrincipalId group) {
    CatalogResource r =
        new CatalogResource(new ResourceId(Guid.random()), c.id(), group, "Group", "", T0);
    await(transactions().inTransaction(uow -> uow.resources().add(r)));
    return r;
  }

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
  void catalogsListByNameEitherWayPageOnNameAndIdAndCountTheirMatches() {
    Catalog b = saved("bravo");
    Catalog a = saved("Alpha");
    Catalog c1 = saved("charlie");
    Catalog c2 = saved("Charlie");
    saved("other");
    Optional<Set<CatalogId>> mine = Optional.of(Set.of(a.id(), b.id(), c1.id(), c2.id()));
    CatalogQuery.NameOrder up = new CatalogQuery.NameOrder(false);
    CatalogQuery.NameOrder down = new CatalogQuery.NameOrder(true);
    java.util.function.BiFunction<CatalogQuery.NameOrder, Integer, List<String>> walk =
        (order, size) -> {
          List<String> seen = new java.util.ArrayList<>();
          String afterName = null;
          String afterId = null;
          while (true) {
            CatalogQuery q =
                new CatalogQuery(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    order,
                    afterName,
                    afterId,
                    size);
            List<Catalog> page = await(transactions().read(uow -> uow.catalogs().list(mine, q)));
            page.forEach(x -> seen.add(x.id().value()));
            if (page.size() < size) {
              return seen;
            }
            Catalog last = page.get(page.size() - 1);
            afterName = CatalogQuery.nameKey(last);
            afterId = last.id().value();
          }
        };
    List<String> cs =
        c1.id().value().compareTo(c2.id().value()) < 0
            ? List.of(c1.id().value(), c2.id().value())
            : List.of(c2.id().value(), c1.id().value());
    List<String> expected = new java.util.ArrayList<>(List.of(a.id().value(), b.id().value()));
    expected.addAll(cs);
    assertEquals(expected, walk.apply(up, 1), "name, then id, across pages of one");
    assertEquals(expected, walk.apply(up, 3));
    List<String> reversed = new java.util.ArrayList<>(expected);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, walk.apply(down, 1));
    CatalogQuery all =
        new CatalogQuery(Optional.empty(), Optional.empty(), Optional.empty(), null, 1);
    assertEquals(4L, (long) await(transactions().read(uow -> uow.catalogs().count(mine, all))));
    CatalogQuery charlies =
        new CatalogQuery(Optional.of("CHARLIE"), Optional.empty(), Optional.empty(), null, 1);
    assertEquals(
        2L, (long) await(transactions().read(uow -> uow.catalogs().count(mine, charlies))));
  }

  @Test
  void catalogsFilterByNameAndStateInTheStoreSoPagesStayFull() {
    Catalog finance = saved("Finance");
    Catalog financeOps = saved("Finance 100%_ops");
    Catalog hr = catalog("HR");
    Catalog hidden =
        new Catalog(hr.id(), "HR", "about HR", Catalog.State.UNPUBLISHED, false, T0, T0);
    await(transactions().inTransaction(uow -> uow.catalogs().insert(hidden)));
    Optional<Set<CatalogId>> all = Optional.of(Set.of(finance.id(), financeOps.id(), hr.id()));
    java.util.function.Function<CatalogQuery, List<String>> names =
        q ->
            await(transactions().read(uow -> uow.catalogs().list(all, q))).stream()
                .map(Catalog::displayName)
                .sorted()
                .toList();
    CatalogQuery none = CatalogQuery.all(null, 10);
    assertEquals(
        List.of("Finance"),
        names.apply(
            new CatalogQuery(
                Optional.of("finance"), Optional.empty(), Optional.empty(), null, 10)));
    assertEquals(
        List.of("Finance", "Finance 100%_ops"),
        names.apply(
            new CatalogQuery(Optional.empty(), Optional.of("NANCE"), Optional.empty(), null, 10)));
    assertEquals(
        List.of("Finance 100%_ops"),
        names.apply(
            new CatalogQuery(Optional.empty(), Optional.of("%_"), Optional.empty(), null, 10)));
    assertEquals(
        List.of("HR"),
        names.apply(
            new CatalogQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.of(Catalog.State.UNPUBLISHED),
                null,
                10)));
    assertEquals(3, names.apply(none).size());
    // A filtered page of one is full and the next page holds the other match.
    CatalogQuery contains =
        new CatalogQuery(Optional.empty(), Optional.of("fin"), Optional.empty(), null, 1);
    List<Catalog> first = await(transactions().read(uow -> uow.catalogs().list(all, contains)));
    List<Catalog> second =
        await(
            transactions()
                .read(
                    uow ->
                        uow.catalogs()
                            .list(
                                all,
                                new CatalogQuery(
                                    Optional.empty(),
                                    Optional.of("fin"),
                                    Optional.empty(),
                                    first.get(0).id().value(),
                                    10))));
    assertEquals(1, first.size());
    assertEquals(1, second.size());
    assertTrue(second.get(0).displayName().startsWith("Finance"));
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
  void anAssignmentReadAgainAfterItsIdWasGivenOtherValuesIsReadWithTheNewOnes() {
    // Steward never reuses an id, but a restored backup or a hand-made row may: what is read is
    // what the table holds now, whatever was read before under that id.
    Catalog c = saved("Read twice");
    Catalog other = saved("Read twice, other");
    RoleAssignment first =
        add(assignment(new PrincipalId(Guid.random()), RoleDefinition.CATALOG_READER, c.scope()));
    assertEquals(
        first,
        await(transactions().read(uow -> uow.roleAssignments().find(first.id()))).orElseThrow());
    await(transactions().inTransaction(uow -> uow.roleAssignments().remove(first.id())));
    RoleAssignment again =
        add(
            new RoleAssignment(
                first.id(),
                new PrincipalId(Guid.random()),
                PrincipalType.GROUP,
                RoleDefinition.CATALOG_OWNER,
                other.scope(),
                T0.plusSeconds(60)));
    assertEquals(
        again,
        await(transactions().read(uow -> uow.roleAssignments().find(first.id()))).orElseThrow());
    assertEquals(
        List.of(again),
        await(transactions().read(uow -> uow.roleAssignments().inScope(other.scope()))));
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
    // Counted across pages with the same filters; an empty filter set matches nothing.
    assertEquals(5L, (long) await(transactions().read(uow -> uow.roleAssignments().count(first))));
    RoleAssignmentQuery readers =
        new RoleAssignmentQuery(
            Optional.of(Set.of(page1.get(0).principalId(), page2.get(0).principalId())),
            Optional.of(Set.of(RoleDefinition.CATALOG_READER)),
            Optional.of(Set.of(c.scope())),
            null,
            1);
    assertEquals(
        2L, (long) await(transactions().read(uow -> uow.roleAssignments().count(readers))));
    RoleAssignmentQuery noRole =
        new RoleAssignmentQuery(
            Optional.empty(), Optional.of(Set.of()), Optional.of(Set.of(c.scope())), null, 10);
    assertEquals(0L, (long) await(transactions().read(uow -> uow.roleAssignments().count(noRole))));
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
  void accessPackagesAreFoundManyAtOnceAndAnUnknownIdIsLeftOut() {
    Catalog c = saved("Found at once");
    AccessPackage a = savedPackage(c, "A");
    AccessPackage b = savedPackage(c, "B");
    savedPackage(c, "Not asked for");
    AccessPackageId unknown = new AccessPackageId(Guid.random());
    List<AccessPackage> found =
        await(
            transactions()
                .read(uow -> uow.accessPackages().findAll(Set.of(a.id(), b.id(), unknown))));
    assertEquals(Set.of(a, b), Set.copyOf(found));
    assertEquals(2, found.size());
    assertEquals(
        List.of(), await(transactions().read(uow -> uow.accessPackages().findAll(Set.of()))));
  }

  @Test
  void accessPackagesAreCountedPerCatalog() {
    Catalog c = saved("Packages");
    Catalog empty = saved("Empty");
    for (int i = 0; i < 3; i++) {
      savedPackage(c, "P" + i);
    }
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

  private AuditRecord audited(
      Instant at, String actor, String action, String target, String request, String catalog) {
    AuditRecord r =
        new AuditRecord(
            Guid.random(),
            at,
            actor,
            action,
            "assignmentRequest",
            target,
            null,
            Map.of("catalogId", catalog),
            request,
            "login-" + actor,
            "192.0.2.7",
            catalog);
    await(transactions().inTransaction(uow -> uow.auditTrail().append(r)));
    return r;
  }

  private List<AuditRecord> audit(Set<String> catalogs, AuditQuery q) {
    Optional<Set<CatalogId>> only =
        Optional.of(catalogs.stream().map(CatalogId::new).collect(Collectors.toSet()));
    List<AuditRecord> found = await(transactions().read(uow -> uow.auditTrail().find(only, q)));
    if (q.afterId() == null && found.size() < q.limit()) {
      // A whole answer: the count, with the same filters and catalogs, is its size.
      long counted = await(transactions().read(uow -> uow.auditTrail().count(only, q, 100)));
      assertEquals(found.size(), counted, "count of " + q);
    }
    return found;
  }

  @Test
  void theAuditLogIsReadByTimeWithEachFilterInTheStoreAndPagesAfterARecord() {
    Instant t0 = T0.truncatedTo(ChronoUnit.MICROS);
    String a = Guid.random();
    String b = Guid.random();
    String eve = Guid.random();
    String paul = Guid.random();
    String request = Guid.random();
    AuditRecord submit = audited(t0, eve, "request.submit", request, "r1", a);
    AuditRecord approve = audited(t0, paul, "approval.approve", request, "r2", a);
    AuditRecord deliver =
        audited(t0.plusSeconds(1), paul, "assignment.delivered", Guid.random(), "r2", a);
    AuditRecord other = audited(t0.plusSeconds(2), eve, "catalog.update", b, "r3", b);
    AuditQuery all = AuditQuery.all(null, 10);
    AuditQuery oldest =
        new AuditQuery(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true,
            null,
            2);

    assertEquals(List.of(deliver, approve, submit), audit(Set.of(a), all));
    assertEquals(List.of(other, deliver, approve, submit), audit(Set.of(a, b), all));
    assertEquals(List.of(submit, approve), audit(Set.of(a), oldest));
    assertEquals(
        List.of(deliver),
        audit(
            Set.of(a),
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                approve.id(),
                2)));
    assertEquals(
        List.of(approve),
        audit(
            Set.of(a),
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.of(Set.of("approval.approve")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                null,
                10)));
    assertEquals(
        List.of(deliver, approve),
        audit(
            Set.of(a, b),
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("r2"),
                Optional.empty(),
                Optional.empty(),
                false,
                null,
                10)));
    assertEquals(
        List.of(other, submit),
        audit(
            Set.of(a, b),
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(eve),
                Optional.empty(),
                false,
                null,
                10)));
    assertEquals(
        List.of(approve, submit),
        audit(
            Set.of(a, b),
            new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(request),
                false,
                null,
                10)));
    assertEquals(
        List.of(other, deliver),
        audit(
            Set.of(a, b),
            new AuditQuery(
                Optional.of(t0.plusSeconds(1)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                null,
                10)));
    assertEquals(
        List.of(approve, submit),
        audit(
            Set.of(a, b),
            new AuditQuery(
                Optional.empty(),
                Optional.of(t0),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                null,
                10)));
    assertTrue(audit(Set.of(), all).isEmpty());
    // Counted across pages, and at most one past the bound asked for, so a count stays cheap.
    Optional<Set<CatalogId>> inA = Optional.of(Set.of(new CatalogId(a)));
    AuditQuery onePerPage = AuditQuery.all(null, 1);
    assertEquals(
        3L, (long) await(transactions().read(uow -> uow.auditTrail().count(inA, onePerPage, 3))));
    assertEquals(
        2L, (long) await(transactions().read(uow -> uow.auditTrail().count(inA, onePerPage, 1))));
    AuditRecord read =
        await(transactions().read(uow -> uow.auditTrail().get(approve.id()))).orElseThrow();
    assertEquals(approve, read);
    assertEquals(a, read.catalogId());
    assertEquals("192.0.2.7", read.ipAddress());
    assertTrue(await(transactions().read(uow -> uow.auditTrail().get(Guid.random()))).isEmpty());
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

  @Test
  void accessPackagesAreStoredListedFilteredAndUpdated() {
    Catalog c = saved("Pkgs");
    Catalog other = saved("Other pkgs");
    AccessPackage sales = savedPackage(c, "Sales tools");
    savedPackage(c, "Marketing");
    savedPackage(other, "Sales elsewhere");
    assertEquals(
        sales,
        await(transactions().read(uow -> uow.accessPackages().find(sales.id()))).orElseThrow());
    var inC =
        new AccessPackageQuery(
            Optional.of(Set.of(c.id())), Optional.empty(), Optional.empty(), null, 10);
    assertEquals(2, await(transactions().read(uow -> uow.accessPackages().list(inC))).size());
    var contains =
        new AccessPackageQuery(Optional.empty(), Optional.empty(), Optional.of("SALES"), null, 10);
    assertEquals(2, await(transactions().read(uow -> uow.accessPackages().list(contains))).size());
    var equals =
        new AccessPackageQuery(
            Optional.empty(), Optional.of("marketing"), Optional.empty(), null, 10);
    assertEquals(1, await(transactions().read(uow -> uow.accessPackages().list(equals))).size());
    var percent =
        new AccessPackageQuery(Optional.empty(), Optional.empty(), Optional.of("%"), null, 10);
    assertEquals(0, await(transactions().read(uow -> uow.accessPackages().list(percent))).size());
    // Counted with the same filters, across pages, only in the catalogs asked for.
    var onePerPage =
        new AccessPackageQuery(
            Optional.of(Set.of(c.id())), Optional.empty(), Optional.empty(), null, 1);
    assertEquals(
        1, await(transactions().read(uow -> uow.accessPackages().list(onePerPage))).size());
    assertEquals(
        2L, (long) await(transactions().read(uow -> uow.accessPackages().count(onePerPage))));
    var salesInBoth =
        new AccessPackageQuery(
            Optional.of(Set.of(c.id(), other.id())),
            Optional.empty(),
            Optional.of("SALES"),
            null,
            10);
    assertEquals(
        2L, (long) await(transactions().read(uow -> uow.accessPackages().count(salesInBoth))));
    var marketingInC =
        new AccessPackageQuery(
            Optional.of(Set.of(c.id())), Optional.of("marketing"), Optional.empty(), null, 10);
    assertEquals(
        1L, (long) await(transactions().read(uow -> uow.accessPackages().count(marketingInC))));
    var percentInC =
        new AccessPackageQuery(
            Optional.of(Set.of(c.id())), Optional.empty(), Optional.of("%"), null, 10);
    assertEquals(
        0L, (long) await(transactions().read(uow -> uow.accessPackages().count(percentInC))));
    AccessPackage hidden = sales.with(null, null, true, T0.plusSeconds(5));
    await(transactions().inTransaction(uow -> uow.accessPackages().update(hidden)));
    assertTrue(
        await(transactions().read(uow -> uow.accessPackages().findForUpdate(sales.id())))
            .orElseThrow()
            .isHidden());
  }

  @Test
  void resourcesAreHeldOncePerCatalogAndCountTheRolesUsingThem() {
    Catalog c = saved("Res");
    PrincipalId group = new PrincipalId(Guid.random());
    CatalogResource r = savedResource(c, group);
    DomainException dup = assertThrows(DomainException.class, () -> savedResource(c, group));
    assertEquals(DomainException.Reason.ALREADY_EXISTS, dup.reason());
    assertEquals(
        r,
        await(transactions().read(uow -> uow.resources().findByOrigin(c.id(), group)))
            .orElseThrow());
    assertEquals(List.of(r), await(transactions().read(uow -> uow.resources().inCatalog(c.id()))));
    AccessPackage p = savedPackage(c, "Uses it");
    ResourceRoleScope scope =
        new ResourceRoleScope(
            new ResourceRoleScopeId(Guid.random()), p.id(), r.id(), group, ResourceRole.MEMBER, T0);
    await(transactions().inTransaction(uow -> uow.accessPackages().addRoleScope(scope)));
    DomainException again =
        assertThrows(
            DomainException.class,
            () ->
                await(
                    transactions()
                        .inTransaction(
                            uow ->
                                uow.accessPackages()
                                    .addRoleScope(
                                        new ResourceRoleScope(
                                            new ResourceRoleScopeId(Guid.random()),
                                            p.id(),
                                            r.id(),
                                            group,
                                            ResourceRole.MEMBER,
                                            T0)))));
    assertEquals(DomainException.Reason.ALREADY_EXISTS, again.reason());
    assertEquals(
        (Long) 1L, await(transactions().read(uow -> uow.resources().countRoleScopesUsing(r.id()))));
    assertEquals(
        List.of(scope), await(transactions().read(uow -> uow.accessPackages().roleScopes(p.id()))));
    await(transactions().inTransaction(uow -> uow.accessPackages().removeRoleScope(scope.id())));
    assertEquals(
        (Long) 0L, await(transactions().read(uow -> uow.resources().countRoleScopesUsing(r.id()))));
    await(transactions().inTransaction(uow -> uow.resources().remove(r.id())));
    assertTrue(await(transactions().read(uow -> uow.resources().find(r.id()))).isEmpty());
  }

  @Test
  void incompatibilitiesGoOneWayAndOnce() {
    Catalog c = saved("SoD");
    AccessPackage a = savedPackage(c, "A");
    AccessPackage b = savedPackage(c, "B");
    PrincipalId group = new PrincipalId(Guid.random());
    await(
        transactions()
            .inTransaction(uow -> uow.accessPackages().addIncompatiblePackage(a.id(), b.id())));
    await(
        transactions()
            .inTransaction(uow -> uow.accessPackages().addIncompatibleGroup(a.id(), group)));
    assertEquals(
        DomainException.Reason.ALREADY_EXISTS,
        assertThrows(
                DomainException.class,
                () ->
                    await(
                        transactions()
                            .inTransaction(
                                uow ->
                                    uow.accessPackages().addIncompatiblePackage(a.id(), b.id()))))
            .reason());
    assertEquals(
        List.of(b),
        await(transactions().read(uow -> uow.accessPackages().incompatiblePackages(a.id()))));
    assertTrue(
        await(transactions().read(uow -> uow.accessPackages().incompatiblePackages(b.id())))
            .isEmpty());
    assertEquals(
        List.of(group),
        await(transactions().read(uow -> uow.accessPackages().incompatibleGroups(a.id()))));
    assertEquals(
        Boolean.TRUE,
        await(
            transactions()
                .inTransaction(
                    uow -> uow.accessPackages().removeIncompatiblePackage(a.id(), b.id()))));
    assertEquals(
        Boolean.FALSE,
        await(
            transactions()
                .inTransaction(
                    uow -> uow.accessPackages().removeIncompatiblePackage(a.id(), b.id()))));
    assertEquals(
        Boolean.TRUE,
        await(
            transactions()
                .inTransaction(
                    uow -> uow.accessPackages().removeIncompatibleGroup(a.id(), group))));
  }

  @Test
  void deletingAPackageTakesItsRolesPoliciesAndIncompatibilitiesAndAssignmentsAreCounted() {
    Catalog c = saved("Del");
    AccessPackage p = savedPackage(c, "Doomed");
    AccessPackage other = savedPackage(c, "Other");
    CatalogResource r = savedResource(c, new PrincipalId(Guid.random()));
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.accessPackages()
                        .addRoleScope(
                            new ResourceRoleScope(
                                new ResourceRoleScopeId(Guid.random()),
                                p.id(),
                                r.id(),
                                r.originId(),
                                ResourceRole.OWNER,
                                T0))
                        .compose(
                            ok -> uow.accessPackages().addIncompatiblePackage(other.id(), p.id()))
                        .compose(ok -> uow.policies().insert(policy(p, "P")))));
    assertEquals(
        (Long) 0L,
        await(transactions().read(uow -> uow.accessPackages().countAssignments(p.id()))));
    givenAssignments(other.id(), 2);
    assertEquals(
        (Long) 2L,
        await(transactions().read(uow -> uow.accessPackages().countAssignments(other.id()))));
    await(transactions().inTransaction(uow -> uow.accessPackages().delete(p.id())));
    assertTrue(await(transactions().read(uow -> uow.accessPackages().find(p.id()))).isEmpty());
    assertEquals(
        (Long) 0L, await(transactions().read(uow -> uow.resources().countRoleScopesUsing(r.id()))));
    assertTrue(
        await(transactions().read(uow -> uow.accessPackages().incompatiblePackages(other.id())))
            .isEmpty());
    assertTrue(
        await(
                transactions()
                    .read(
                        uow ->
                            uow.policies().list(Optional.empty(), Optional.of(p.id()), null, 10)))
            .isEmpty());
  }

  protected static AssignmentPolicy policy(AccessPackage p, String name) {
    PrincipalId approver = new PrincipalId(Guid.random());
    PrincipalId group = new PrincipalId(Guid.random());
    AssignmentPolicy.Settings settings =
        new AssignmentPolicy.Settings(
            AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS,
            List.of(new SubjectSet.GroupMembers(group, "Engineering")),
            new AssignmentPolicy.RequestorSettings(true, false, true, false, false, false, false),
            new AssignmentPolicy.ApprovalSettings(
                true,
                false,
                true,
                List.of(
                    new AssignmentPolicy.ApprovalStage(
                        Duration.ofDays(7),
                        true,
                        List.of(new SubjectSet.RequestorManager(1)),
                        List.of(new SubjectSet.SingleUser(approver, "Fallback")),
                        true,
                        Duration.ofDays(2),
                        List.of(new SubjectSet.SingleUser(approver, "")),
                        List.of()))),
            new AssignmentPolicy.Expiration(
                AssignmentPolicy.Expiration.Type.AFTER_DURATION, Duration.ofDays(30), null),
            new AssignmentPolicy.ReviewSettings(
                true,
                "removeAccess",
                false,
                true,
                false,
                List.of(new SubjectSet.SingleUser(approver, "")),
                List.of(),
                Map.of("startDateTime", "2026-04-01T00:00:00Z")));
    return new AssignmentPolicy(
        new PolicyId(Guid.random()),
        p.id(),
        p.catalogId(),
        name,
        "about " + name,
        settings,
        T0,
        T0);
  }

  @Test
  void policiesRoundTripEverySettingAndListByPackage() {
    Catalog c = saved("Pol");
    AccessPackage p = savedPackage(c, "With policy");
    AccessPackage q = savedPackage(c, "Other");
    AssignmentPolicy first = policy(p, "First");
    AssignmentPolicy second = policy(q, "Second");
    await(
        transactions()
            .inTransaction(
                uow -> uow.policies().insert(first).compose(ok -> uow.policies().insert(second))));
    assertEquals(
        first, await(transactions().read(uow -> uow.policies().find(first.id()))).orElseThrow());
    assertEquals(
        List.of(first),
        await(
            transactions()
                .read(
                    uow -> uow.policies().list(Optional.empty(), Optional.of(p.id()), null, 10))));
    assertEquals(
        2,
        await(
                transactions()
                    .read(
                        uow ->
                            uow.policies()
                                .list(Optional.of(Set.of(c.id())), Optional.empty(), null, 10)))
            .size());
    AssignmentPolicy renamed =
        new AssignmentPolicy(
            first.id(), p.id(), c.id(), "Renamed", "", first.settings(), T0, T0.plusSeconds(9));
    await(transactions().inTransaction(uow -> uow.policies().update(renamed)));
    assertEquals(
        renamed, await(transactions().read(uow -> uow.policies().find(first.id()))).orElseThrow());
    await(transactions().inTransaction(uow -> uow.policies().delete(first.id())));
    assertTrue(await(transactions().read(uow -> uow.policies().find(first.id()))).isEmpty());
  }

  private static AssignmentPolicy scoped(
      AccessPackage p,
      AssignmentPolicy.TargetScope scope,
      List<SubjectSet> targets,
      boolean selfAdd) {
    AssignmentPolicy base = policy(p, "Scoped");
    AssignmentPolicy.Settings b = base.settings();
    AssignmentPolicy.Settings settings =
        new AssignmentPolicy.Settings(
            scope,
            targets,
            new AssignmentPolicy.RequestorSettings(
                selfAdd, false, true, false, false, false, false),
            b.requestApprovalSettings(),
            b.expiration(),
            b.reviewSettings());
    return new AssignmentPolicy(base.id(), p.id(), p.catalogId(), "Scoped", "", settings, T0, T0);
  }

  @Test
  void requestablePoliciesAreThoseWithSelfAddWhoseScopeTakesTheUserByNameGroupOrAll() {
    Catalog c = saved("Requestable");
    AccessPackage p = savedPackage(c, "Requestable");
    PrincipalId me = new PrincipalId(Guid.random());
    PrincipalId myGroup = new PrincipalId(Guid.random());
    PrincipalId otherGroup = new PrincipalId(Guid.random());
    PrincipalId someoneElse = new PrincipalId(Guid.random());
    var specific = AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS;
    AssignmentPolicy byName =
        scoped(
            p,
            specific,
            List.of(new SubjectSet.SingleUser(someoneElse, ""), new SubjectSet.SingleUser(me, "")),
            true);
    AssignmentPolicy byGroup =
        scoped(p, specific, List.of(new SubjectSet.GroupMembers(myGroup, "")), true);
    AssignmentPolicy allMembers =
        scoped(p, AssignmentPolicy.TargetScope.ALL_MEMBER_USERS, List.of(), true);
    AssignmentPolicy allDirectory =
        scoped(p, AssignmentPolicy.TargetScope.ALL_DIRECTORY_USERS, List.of(), true);
    List<AssignmentPolicy> refused =
        List.of(
            scoped(p, specific, List.of(new SubjectSet.SingleUser(someoneElse, "")), true),
            scoped(p, specific, List.of(new SubjectSet.GroupMembers(otherGroup, "")), true),
            // the group's id named as a user, and the user's id named as a group, do not count
            scoped(p, specific, List.of(new SubjectSet.SingleUser(myGroup, "")), true),
            scoped(p, specific, List.of(new SubjectSet.GroupMembers(me, "")), true),
            scoped(p, specific, List.of(new SubjectSet.SingleUser(me, "")), false),
            scoped(p, AssignmentPolicy.TargetScope.ALL_MEMBER_USERS, List.of(), false),
            scoped(p, AssignmentPolicy.TargetScope.NOT_SPECIFIED, List.of(), false));
    List<AssignmentPolicy> all = new java.util.ArrayList<>(refused);
    all.addAll(List.of(byName, byGroup, allMembers, allDirectory));
    await(
        transactions()
            .inTransaction(
                uow -> {
                  Future<Void> done = Future.succeededFuture();
                  for (AssignmentPolicy policy : all) {
                    done = done.compose(ok -> uow.policies().insert(policy));
                  }
                  return done;
                }));
    List<AssignmentPolicy> expected =
        java.util.stream.Stream.of(byName, byGroup, allMembers, allDirectory)
            .sorted(java.util.Comparator.comparing(x -> x.id().value()))
            .toList();

    // this package's policies that let me ask, in id order; another package's are not among them
    assertEquals(expected, requestablePolicies(me, Set.of(myGroup), Set.of(p.id())));
    AccessPackage other = savedPackage(c, "Not requestable");
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.policies()
                        .insert(
                            scoped(
                                other,
                                specific,
                                List.of(new SubjectSet.SingleUser(someoneElse, "")),
                                true))));
    assertEquals(List.of(), requestablePolicies(me, Set.of(myGroup), Set.of(other.id())));
    assertEquals(List.of(), requestablePolicies(me, Set.of(myGroup), Set.of()));
    assertEquals(expected, requestablePolicies(me, Set.of(myGroup), Set.of(p.id(), other.id())));

    // the packages by the same rule: this one, not the other
    List<AccessPackageId> packages = requestablePackages(me, Set.of(myGroup), 1000);
    assertTrue(packages.contains(p.id()), packages.toString());
    assertFalse(packages.contains(other.id()), packages.toString());

    List<AssignmentPolicy> withoutGroups = requestablePolicies(me, Set.of(), Set.of(p.id()));
    assertEquals(
        expected.stream().filter(x -> x != byGroup).toList(),
        withoutGroups,
        "without the group, only the named and everyone's policies");

    // a changed or removed policy stops counting
    AssignmentPolicy renamedAway =
        new AssignmentPolicy(
            byName.id(),
            p.id(),
            c.id(),
            "Scoped",
            "",
            scoped(p, specific, List.of(new SubjectSet.SingleUser(someoneElse, "")), true)
                .settings(),
            T0,
            T0);
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.policies()
                        .update(renamedAway)
                        .compose(ok -> uow.policies().delete(allDirectory.id()))));
    assertEquals(List.of(allMembers), requestablePolicies(me, Set.of(), Set.of(p.id())));
  }

  private List<AssignmentPolicy> requestablePolicies(
      PrincipalId me, Set<PrincipalId> groups, Set<AccessPackageId> packages) {
    return await(transactions().read(uow -> uow.policies().requestableBy(me, groups, packages)));
  }

  private List<AccessPackageId> requestablePackages(
      PrincipalId me, Set<PrincipalId> groups, int limit) {
    return await(transactions().read(uow -> uow.accessPackages().requestableBy(me, groups, limit)))
        .stream()
        .map(AccessPackage::id)
        .toList();
  }

  @Test
  void requestablePackagesAreTheVisibleOnesWithSuchAPolicyInIdOrderUpToTheLimit() {
    Catalog c = saved("Requestable packages");
    PrincipalId me = new PrincipalId(Guid.random());
    PrincipalId myGroup = new PrincipalId(Guid.random());
    var specific = AssignmentPolicy.TargetScope.SPECIFIC_DIRECTORY_USERS;
    AccessPackage byName = savedPackage(c, "By name");
    AccessPackage byGroup = savedPackage(c, "By group");
    AccessPackage twice = savedPackage(c, "Two policies");
    AccessPackage hidden = savedPackage(c, "Hidden");
    AccessPackage selfAddOff = savedPackage(c, "Self-add off");
    AccessPackage noPolicy = savedPackage(c, "No policy");
    AccessPackage everyone = savedPackage(c, "Everyone");
    List<AssignmentPolicy> policies =
        List.of(
            scoped(everyone, AssignmentPolicy.TargetScope.ALL_MEMBER_USERS, List.of(), true),
            scoped(byName, specific, List.of(new SubjectSet.SingleUser(me, "")), true),
            scoped(byGroup, specific, List.of(new SubjectSet.GroupMembers(myGroup, "")), true),
            scoped(twice, specific, List.of(new SubjectSet.SingleUser(me, "")), true),
            scoped(twice, specific, List.of(new SubjectSet.GroupMembers(myGroup, "")), true),
            scoped(hidden, specific, List.of(new SubjectSet.SingleUser(me, "")), true),
            scoped(selfAddOff, specific, List.of(new SubjectSet.SingleUser(me, "")), false));
    await(
        transactions()
            .inTransaction(
                uow -> {
                  Future<Void> done =
                      uow.accessPackages().update(hidden.with(null, null, true, T0.plusSeconds(1)));
                  for (AssignmentPolicy policy : policies) {
                    done = done.compose(ok -> uow.policies().insert(policy));
                  }
                  return done;
                }));
    Set<AccessPackageId> mine = Set.of(byName.id(), byGroup.id(), twice.id(), everyone.id());

    // every user's packages (other tests') may be listed too: keep this test's
    List<AccessPackageId> all = requestablePackages(me, Set.of(myGroup), 1000);
    assertEquals(
        java.util.stream.Stream.of(byName, byGroup, twice, everyone)
            .map(AccessPackage::id)
            .sorted(java.util.Comparator.comparing(AccessPackageId::value))
            .toList(),
        all.stream().filter(mine::contains).toList(),
        "each once, hidden, self-add off and policy-less ones left out");
    assertFalse(all.contains(hidden.id()));
    assertFalse(all.contains(selfAddOff.id()));
    assertFalse(all.contains(noPolicy.id()));
    assertEquals(
        all.stream().sorted(java.util.Comparator.comparing(AccessPackageId::value)).toList(),
        all,
        "in id order");
    assertEquals(all.subList(0, 2), requestablePackages(me, Set.of(myGroup), 2), "the first two");
    assertEquals(List.of(), requestablePackages(me, Set.of(myGroup), 0));
    long counted =
        await(
            transactions()
                .read(uow -> uow.accessPackages().countRequestableBy(me, Set.of(myGroup))));
    assertEquals(all.size(), counted, "counted whatever the limit");

    // everyone's package is anyone's, with no groups and not named anywhere
    List<AccessPackageId> stranger =
        requestablePackages(new PrincipalId(Guid.random()), Set.of(), 1000);
    assertTrue(stranger.contains(everyone.id()), stranger.toString());
    assertFalse(stranger.contains(byName.id()), stranger.toString());

    // without the group, the package by group is gone
    List<AccessPackageId> withoutGroup = requestablePackages(me, Set.of(), 1000);
    assertTrue(withoutGroup.contains(byName.id()));
    assertTrue(withoutGroup.contains(twice.id()));
    assertFalse(withoutGroup.contains(byGroup.id()));

    // a policy moved to another package makes that one requestable instead
    AssignmentPolicy moved = policies.get(1);
    await(
        transactions()
            .inTransaction(
                uow ->
                    uow.policies()
                        .update(
                            new AssignmentPolicy(
                                moved.id(),
                                noPolicy.id(),
                                c.id(),
                                moved.displayName(),
                                moved.description(),
                                moved.settings(),
                                T0,
                                T0.plusSeconds(2)))));
    List<AccessPackageId> afterMove = requestablePackages(me, Set.of(), 1000);
    assertTrue(afterMove.contains(noPolicy.id()), afterMove.toString());
    assertFalse(afterMove.contains(byName.id()), afterMove.toString());
  }

  private static AssignmentRequest pendingRequest(
      AccessPackage p, PrincipalId target, PrincipalId approver) {
    AssignmentRequest.Stage stage =
        new AssignmentRequest.Stage(
            0,
            List.of(approver),
            List.of(new PrincipalId(Guid.random())),
            false,
            true,
            Duration.ofDays(7),
            Duration.ofDays(2),
            null,
            null,
            AssignmentRequest.Review.NOT_REVIEWED,
            null,
            null,
            null);
    return new AssignmentRequest(
            new RequestId(Guid.random()),
            AssignmentRequest.Type.USER_ADD,
            AssignmentRequest.State.SUBMITTED,
            p.id(),
            new PolicyId(Guid.random()),
            p.catalogId(),
            target,
            target,
            null,
            "because",
            null,
            List.of(stage),
            "",
            T0,
            null)
        .submitted(T0);
  }

  @Test
  void requestsRoundTripWithTheirStagesAndAreFoundByApproverAndTarget() {
    Catalog c = saved("Req");
    AccessPackage p = savedPackage(c, "Requested");
    PrincipalId target = new PrincipalId(Guid.random());
    PrincipalId approver = new PrincipalId(Guid.random());
    AssignmentRequest r = pendingRequest(p, target, approver);
    await(transactions().inTransaction(uow -> uow.requests().insert(r)));
    assertEquals(r, await(transactions().read(uow -> uow.requests().find(r.id()))).orElseThrow());
    assertEquals(
        r, await(transactions().read(uow -> uow.requests().openFor(target, p.id()))).orElseThrow());
    var mine =
        new AssignmentRequests.Query(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(approver), null, 10);
    assertEquals(List.of(r), await(transactions().read(uow -> uow.requests().list(mine))));
    AssignmentRequest approved =
        r.decide("1", approver, AssignmentRequest.Review.APPROVE, "fine", T0.plusSeconds(60));
    await(transactions().inTransaction(uow -> uow.requests().update(approved)));
    assertEquals(
        approved,
        await(transactions().read(uow -> uow.requests().findForUpdate(r.id()))).orElseThrow());
    assertTrue(await(transactions().read(uow -> uow.requests().list(mine))).isEmpty());
    assertTrue(await(transactions().read(uow -> uow.requests().openFor(target, p.id()))).isEmpty());
    var byTarget =
        new AssignmentRequests.Query(
            Optional.of(Set.of(c.id())),
            Optional.of(target),
            Optional.empty(),
            Optional.empty(),
            null,
            10);
    assertEquals(1, await(transactions().read(uow -> uow.requests().list(byTarget))).size());
    // Each filter lists and counts the same requests: the count ignores paging, never filters.
    java.util.function.Function<RequestFilter, Integer> count =
        f -> {
          var q =
              new AssignmentRequests.Query(
                  Optional.of(Set.of(c.id())),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  f,
                  null,
                  10);
          int listed = await(transactions().read(uow -> uow.requests().list(q))).size();
          long counted = await(transactions().read(uow -> uow.requests().count(q)));
          assertEquals(listed, counted, "count of " + f);
          return listed;
        };
    Optional<Instant> none = Optional.empty();
    Optional<Instant> at = Optional.of(r.createdDateTime());
    assertEquals(1, count.apply(RequestFilter.NONE));
    assertEquals(
        1,
        count.apply(
            RequestFilter.NONE
                .withState(approved.state())
                .withType(AssignmentRequest.Type.USER_ADD)
                .withTarget(target)
                .created(at, at)));
    for (RequestFilter nothing :
        List.of(
            RequestFilter.NONE.withState(AssignmentRequest.State.CANCELED),
            RequestFilter.NONE.withType(AssignmentRequest.Type.ADMIN_ADD),
            RequestFilter.NONE.withTarget(new PrincipalId(Guid.random())),
            RequestFilter.NONE.created(Optional.of(r.createdDateTime().plusSeconds(1)), none),
            RequestFilter.NONE.created(none, Optional.of(r.createdDateTime().minusSeconds(1))))) {
      assertEquals(0, count.apply(nothing), nothing.toString());
    }
    // Counted only in the catalogs asked for, and across pages.
    var elsewhere =
        new AssignmentRequests.Query(
            Optional.of(Set.of(new CatalogId(Guid.random()))),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            RequestFilter.NONE,
            null,
            10);
    assertEquals(0L, (long) await(transactions().read(uow -> uow.requests().count(elsewhere))));
    AssignmentRequest second = pendingRequest(p, new PrincipalId(Guid.random()), approver);
    await(transactions().inTransaction(uow -> uow.requests().insert(second)));
    var onePerPage =
        new AssignmentRequests.Query(
            Optional.of(Set.of(c.id())),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            RequestFilter.NONE,
            null,
            1);
    assertEquals(1, await(transactions().read(uow -> uow.requests().list(onePerPage))).size());
    assertEquals(2L, (long) await(transactions().read(uow -> uow.requests().count(onePerPage))));
  }

  @Test
  void assignmentsRoundTripAndOnlyActiveOnesCount() {
    Catalog c = saved("Asg");
    AccessPackage p = savedPackage(c, "Assigned");
    PrincipalId target = new PrincipalId(Guid.random());
    Assignment a =
        new Assignment(
            new AssignmentId(Guid.random()),
            p.id(),
            new PolicyId(Guid.random()),
            c.id(),
            target,
            Assignment.State.DELIVERING,
            T0,
            T0.plus(Duration.ofDays(30)),
            null,
            null,
            T0,
            T0);
    await(transactions().inTransaction(uow -> uow.assignments().insert(a)));
    assertEquals(
        a,
        await(transactions().read(uow -> uow.assignments().findForUpdate(a.id()))).orElseThrow());
    assertEquals(List.of(a), await(transactions().read(uow -> uow.assignments().activeOf(target))));
    assertEquals(
        (Long) 1L,
        await(transactions().read(uow -> uow.accessPackages().countAssignments(p.id()))));
    Assignment expired = a.withState(Assignment.State.EXPIRED, null, T0.plusSeconds(5));
    await(transactions().inTransaction(uow -> uow.assignments().update(expired)));
    assertTrue(await(transactions().read(uow -> uow.assignments().activeOf(target))).isEmpty());
    assertEquals(
        (Long) 0L,
        await(transactions().read(uow -> uow.accessPackages().countAssignments(p.id()))));
    var byPackage =
        new Assignments.Query(Optional.empty(), Optional.of(p.id()), Optional.empty(), null, 10);
    assertEquals(
        List.of(expired), await(transactions().read(uow -> uow.assignments().list(byPackage))));
    // Each filter lists and counts the same assignments.
    java.util.function.BiFunction<Set<Assignment.State>, PolicyId, List<Assignment>> by =
        (states, policy) -> {
          var q =
              new Assignments.Query(
                  Optional.empty(),
                  Optional.of(p.id()),
                  Optional.of(target),
                  Optional.of(states),
                  Optional.of(policy),
                  null,
                  10);
          List<Assignment> listed = await(transactions().read(uow -> uow.assignments().list(q)));
          long counted = await(transactions().read(uow -> uow.assignments().count(q)));
          assertEquals(listed.size(), counted, "count of " + states + " " + policy);
          return listed;
        };
    assertEquals(List.of(expired), by.apply(Set.of(Assignment.State.EXPIRED), a.policyId()));
    assertEquals(List.of(), by.apply(Set.of(Assignment.State.DELIVERED), a.policyId()));
    assertEquals(
        List.of(), by.apply(Set.of(Assignment.State.EXPIRED), new PolicyId(Guid.random())));
    // Counted across pages, and only in the catalogs asked for.
    Assignment other =
        new Assignment(
            new AssignmentId(Guid.random()),
            p.id(),
            a.policyId(),
            c.id(),
            new PrincipalId(Guid.random()),
            Assignment.State.DELIVERED,
            T0,
            null,
            null,
            null,
            T0,
            T0);
    await(transactions().inTransaction(uow -> uow.assignments().insert(other)));
    var onePerPage =
        new Assignments.Query(
            Optional.of(Set.of(c.id())), Optional.of(p.id()), Optional.empty(), null, 1);
    assertEquals(1, await(transactions().read(uow -> uow.assignments().list(onePerPage))).size());
    assertEquals(2L, (long) await(transactions().read(uow -> uow.assignments().count(onePerPage))));
    var elsewhere =
        new Assignments.Query(
            Optional.of(Set.of(new CatalogId(Guid.random()))),
            Optional.empty(),
            Optional.empty(),
            null,
            10);
    assertEquals(0L, (long) await(transactions().read(uow -> uow.assignments().count(elsewhere))));
  }

  @Test
  void dueWorkIsClaimedOnceUntilItsLeaseEndsAndMovesWhenRescheduled() {
    String subject = Guid.random();
    String later = Guid.random();
    ScheduledWork.Kind kind = ScheduledWork.Kind.EXPIRE_ASSIGNMENT;
    await(transactions().inTransaction(uow -> uow.scheduledWork().schedule(kind, subject, T0)));
    await(
        transactions()
            .inTransaction(uow -> uow.scheduledWork().schedule(kind, later, T0.plusSeconds(3600))));
    Instant now = T0.plusSeconds(10);
    assertEquals(
        Optional.of(T0), await(transactions().read(uow -> uow.scheduledWork().oldestDue(now))));
    List<ScheduledWork.Item> first =
        await(
            transactions()
                .inTransaction(uow -> uow.scheduledWork().claimDue(now, now.plusSeconds(60), 10)));
    assertEquals(1, first.size());
    assertEquals(subject, first.get(0).subjectId());
    assertTrue(
        await(
                transactions()
                    .inTransaction(
                        uow -> uow.scheduledWork().claimDue(now, now.plusSeconds(60), 10)))
            .isEmpty());
    Instant afterLease = now.plusSeconds(61);
    List<ScheduledWork.Item> again =
        await(
            transactions()
                .inTransaction(
                    uow ->
                        uow.scheduledWork().claimDue(afterLease, afterLease.plusSeconds(60), 10)));
    assertEquals(1, again.size());
    await(transactions().inTransaction(uow -> uow.scheduledWork().complete(again.get(0))));
    assertEquals(
        Optional.empty(),
        await(transactions().read(uow -> uow.scheduledWork().oldestDue(afterLease))));
    await(transactions().inTransaction(uow -> uow.scheduledWork().schedule(kind, later, T0)));
    assertEquals(
        1,
        await(
                transactions()
                    .inTransaction(
                        uow ->
                            uow.scheduledWork()
                                .claimDue(afterLease, afterLease.plusSeconds(60), 10)))
            .size());
    await(transactions().inTransaction(uow -> uow.scheduledWork().cancel(kind, later)));
    assertEquals(
        Optional.empty(),
        await(
            transactions()
                .read(uow -> uow.scheduledWork().oldestDue(afterLease.plusSeconds(600)))));
  }
}
