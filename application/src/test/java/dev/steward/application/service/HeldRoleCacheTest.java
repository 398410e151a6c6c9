package dev.steward.application.service;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.InMemoryStore;
import dev.steward.application.port.out.Transactions;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The held-role cache never answers from before a change it has been told of. */
class HeldRoleCacheTest {
  private static final PrincipalId PAUL = new PrincipalId("1c000000-0000-4000-8000-000000000007");
  private static final PrincipalId LEADS = new PrincipalId("1d000000-0000-4000-8000-000000000004");
  private static final CatalogId CATALOG = new CatalogId("2c000000-0000-4000-8000-000000000001");

  private final InMemoryStore store = new InMemoryStore();
  private final HeldRoleCache cache = new HeldRoleCache(true);
  private final Transactions tx = cache.tracking(store);

  HeldRoleCacheTest() {
    await(
        store.inTransaction(
            uow ->
                uow.catalogs()
                    .insert(
                        new dev.steward.domain.Catalog(
                            CATALOG,
                            "Falcon",
                            "",
                            dev.steward.domain.Catalog.State.PUBLISHED,
                            false,
                            Instant.EPOCH,
                            Instant.EPOCH))));
  }

  private RoleAssignment managerRole(String id) {
    return new RoleAssignment(
        new RoleAssignmentId(id),
        PAUL,
        PrincipalType.USER,
        RoleDefinition.ACCESS_PACKAGE_MANAGER,
        Scope.of(CATALOG),
        Instant.EPOCH);
  }

  private List<RoleAssignment> held(Set<PrincipalId> who) {
    return await(store.read(uow -> cache.heldBy(who, uow.roleAssignments())));
  }

  private void add(RoleAssignment a) {
    await(tx.inTransaction(uow -> uow.roleAssignments().add(a)));
  }

  @Test
  void nothingIsRememberedUntilTheFeedIsConnected() {
    held(Set.of(PAUL));
    held(Set.of(PAUL));
    assertEquals(0, cache.hits());
    assertFalse(cache.remembering());
    cache.feedConnected(true);
    held(Set.of(PAUL));
    held(Set.of(PAUL));
    assertEquals(1, cache.hits());
    cache.feedConnected(false);
    held(Set.of(PAUL));
    assertEquals(1, cache.hits(), "a lost feed means reading every time");
  }

  @Test
  void aChangeThroughTheseTransactionsIsSeenByTheVeryNextRead() {
    cache.feedConnected(true);
    assertTrue(held(Set.of(PAUL)).isEmpty());
    assertTrue(held(Set.of(PAUL)).isEmpty());
    RoleAssignment role = managerRole("3a000000-0000-4000-8000-000000000001");
    add(role);
    assertEquals(List.of(role), held(Set.of(PAUL)));
    assertEquals(List.of(role), held(Set.of(PAUL)));
    await(tx.inTransaction(uow -> uow.roleAssignments().remove(role.id())));
    assertTrue(held(Set.of(PAUL)).isEmpty(), "removed, and not remembered");
  }

  @Test
  void aFailedTransactionThatTouchedRolesAlsoForgets() {
    cache.feedConnected(true);
    held(Set.of(PAUL));
    long misses = cache.misses();
    assertThrows(
        RuntimeException.class,
        () ->
            await(
                tx.inTransaction(
                    uow ->
                        uow.roleAssignments()
                            .add(managerRole("3a000000-0000-4000-8000-000000000002"))
                            .compose(
                                v -> Future.failedFuture(new IllegalStateException("boom"))))));
    held(Set.of(PAUL));
    assertEquals(misses + 1, cache.misses(), "the outcome was uncertain, so it read again");
  }

  @Test
  void aChangeHeardFromElsewhereIsSeenByTheNextRead() {
    cache.feedConnected(true);
    held(Set.of(PAUL, LEADS));
    // A change straight into the store, as another instance would make it.
    RoleAssignment role = managerRole("3a000000-0000-4000-8000-000000000003");
    await(store.inTransaction(uow -> uow.roleAssignments().add(role)));
    assertTrue(held(Set.of(PAUL, LEADS)).isEmpty(), "not heard yet: the remembered answer");
    cache.rolesChanged();
    assertEquals(List.of(role), held(Set.of(PAUL, LEADS)));
  }

  @Test
  void anAnswerReadWhileAChangeLandsIsNotKept() {
    cache.feedConnected(true);
    RoleAssignment role = managerRole("3a000000-0000-4000-8000-000000000004");
    add(role);
    // The read starts, a change is announced before it completes, then it completes.
    Future<List<RoleAssignment>> slow =
        store.read(
            uow ->
                cache.heldBy(
                    Set.of(PAUL),
                    new DelayedRoleAssignments(uow.roleAssignments(), cache::rolesChanged)));
    assertEquals(List.of(role), await(slow));
    long misses = cache.misses();
    held(Set.of(PAUL));
    assertEquals(misses + 1, cache.misses(), "the answer from across the change was not kept");
  }

  private static final dev.steward.application.port.in.delegation.RoleAssignmentQuery IN_CATALOG =
      new dev.steward.application.port.in.delegation.RoleAssignmentQuery(
          java.util.Optional.empty(),
          java.util.Optional.empty(),
          java.util.Optional.of(Set.of(Scope.of(CATALOG))),
          null,
          10);

  /** Role assignments whose every read is counted. */
  private static class CountedReads extends ForwardingRoleAssignments {
    int queries;
    int counts;

    CountedReads(dev.steward.application.port.out.delegation.RoleAssignments inner) {
      super(inner);
    }

    @Override
    public Future<List<RoleAssignment>> query(
        dev.steward.application.port.in.delegation.RoleAssignmentQuery query) {
      queries++;
      return super.query(query);
    }

    @Override
    public Future<Long> count(
        dev.steward.application.port.in.delegation.RoleAssignmentQuery query) {
      counts++;
      return super.count(query);
    }
  }

  /** Reads of the store as it is now, each on its own, counted. */
  private CountedReads reads() {
    return new CountedReads(new RoleAssignmentReads(store));
  }

  private List<RoleAssignment> listed(CountedReads reads) {
    return await(cache.query(IN_CATALOG, reads));
  }

  @Test
  void aListingIsRememberedUntilAnyRoleChanges() {
    CountedReads reads = reads();
    listed(reads);
    listed(reads);
    assertEquals(2, reads.queries, "nothing remembered before the feed is connected");
    cache.feedConnected(true);
    assertTrue(listed(reads).isEmpty());
    assertTrue(listed(reads).isEmpty());
    assertEquals(3, reads.queries, "the second listing came from memory");
    assertEquals(1, cache.rememberedHits());

    RoleAssignment role = managerRole("3a000000-0000-4000-8000-000000000005");
    add(role);
    assertEquals(List.of(role), listed(reads), "a change through these transactions: read afresh");
    assertEquals(4, reads.queries);

    await(store.inTransaction(uow -> uow.roleAssignments().remove(role.id())));
    assertEquals(List.of(role), listed(reads), "not heard yet: the remembered listing");
    cache.rolesChanged();
    assertTrue(listed(reads).isEmpty(), "heard: read afresh");

    cache.feedConnected(false);
    listed(reads);
    listed(reads);
    assertEquals(7, reads.queries, "a lost feed means reading every time");
  }

  @Test
  void aCountIsRememberedLikeAListing() {
    cache.feedConnected(true);
    CountedReads reads = reads();
    assertEquals(0L, await(cache.count(IN_CATALOG, reads)));
    assertEquals(0L, await(cache.count(IN_CATALOG, reads)));
    assertEquals(1, reads.counts);
    add(managerRole("3a000000-0000-4000-8000-000000000006"));
    assertEquals(1L, await(cache.count(IN_CATALOG, reads)));
    assertEquals(2, reads.counts);
  }

  @Test
  void aListingReadWhileAChangeLandsIsNotKept() {
    cache.feedConnected(true);
    CountedReads reads =
        new CountedReads(new RoleAssignmentReads(store)) {
          @Override
          public Future<List<RoleAssignment>> query(
              dev.steward.application.port.in.delegation.RoleAssignmentQuery query) {
            return super.query(query)
                .map(
                    found -> {
                      cache.rolesChanged();
                      return found;
                    });
          }
        };
    await(cache.query(IN_CATALOG, reads));
    await(cache.query(IN_CATALOG, reads));
    assertEquals(2, reads.queries, "the listing from across the change was not kept");
  }

  @Test
  void aCatalogChangedThroughTheseTransactionsStartsANewGeneration() {
    cache.feedConnected(true);
    int[] reads = {0};
    java.util.function.Supplier<Future<String>> name =
        () -> {
          reads[0]++;
          return store.read(
              uow -> uow.catalogs().find(CATALOG).map(c -> c.orElseThrow().displayName()));
        };
    assertEquals("Falcon", await(cache.remembered("name", name)));
    assertEquals("Falcon", await(cache.remembered("name", name)));
    assertEquals(1, reads[0]);
    await(
        tx.inTransaction(
            uow ->
                uow.catalogs()
                    .find(CATALOG)
                    .compose(
                        c ->
                            uow.catalogs()
                                .update(
                                    c.orElseThrow()
                                        .with("Hawk", null, null, null, Instant.EPOCH)))));
    assertEquals("Hawk", await(cache.remembered("name", name)), "renamed here: read afresh");
    await(tx.inTransaction(uow -> uow.catalogs().delete(CATALOG)));
    assertThrows(
        RuntimeException.class,
        () -> await(cache.remembered("name", name)),
        "deleted here: read afresh, and found gone");
    assertEquals(3, reads[0]);
  }

  @Test
  void aPackageOrPolicyWrittenThroughTheseTransactionsStartsANewGeneration() {
    cache.feedConnected(true);
    int[] reads = {0};
    java.util.function.Supplier<Future<Integer>> read =
        () -> {
          reads[0]++;
          return Future.succeededFuture(reads[0]);
        };
    assertEquals(1, await(cache.remembered("k", read)));
    assertEquals(1, await(cache.remembered("k", read)));
    // Each write is followed by a failure: a transaction that wrote and failed forgets too.
    writeThenFail(
        uow ->
            uow.accessPackages().delete(new dev.steward.domain.AccessPackageId(CATALOG.value())));
    assertEquals(2, await(cache.remembered("k", read)), "a package write: read afresh");
    writeThenFail(uow -> uow.policies().delete(new dev.steward.domain.PolicyId(CATALOG.value())));
    assertEquals(3, await(cache.remembered("k", read)), "a policy write: read afresh");
    await(
        tx.inTransaction(
            uow ->
                uow.accessPackages()
                    .find(new dev.steward.domain.AccessPackageId(CATALOG.value()))));
    assertEquals(3, await(cache.remembered("k", read)), "a read in a transaction changes nothing");
  }

  private void writeThenFail(
      java.util.function.Function<dev.steward.application.port.out.UnitOfWork, Future<Void>>
          write) {
    assertThrows(
        IllegalStateException.class,
        () ->
            await(
                tx.inTransaction(
                    uow ->
                        write
                            .apply(uow)
                            .compose(
                                v -> Future.failedFuture(new IllegalStateException("boom"))))));
  }

  @Test
  void aWriteThroughRoleAssignmentReadsIsATrackedTransactionOfItsOwn() {
    cache.feedConnected(true);
    CountedReads reads = reads();
    assertTrue(listed(reads).isEmpty());
    RoleAssignment role = managerRole("3a000000-0000-4000-8000-000000000008");
    RoleAssignmentReads writes = new RoleAssignmentReads(tx);
    await(writes.add(role));
    assertEquals(List.of(role), listed(reads), "added: the remembered listing was forgotten");
    await(writes.remove(role.id()));
    assertTrue(listed(reads).isEmpty(), "removed: forgotten again");
    assertEquals(3, reads.queries);
  }

  @Test
  void anAnswerKeepRefusesIsNotRemembered() {
    cache.feedConnected(true);
    int[] reads = {0};
    java.util.function.Supplier<Future<Boolean>> missing =
        () -> {
          reads[0]++;
          return Future.succeededFuture(false);
        };
    await(cache.remembered("missing", missing, found -> found));
    await(cache.remembered("missing", missing, found -> found));
    assertEquals(2, reads[0], "a catalog not found is asked for again");
  }

  /** An answer that says how many times it was read. */
  private static java.util.function.Supplier<Future<Integer>> counting(int[] reads) {
    return () -> {
      reads[0]++;
      return Future.succeededFuture(reads[0]);
    };
  }

  @Test
  void anAuditPageIsRememberedUntilAnAuditRecordIsWrittenNotWhenRolesChange() {
    cache.feedConnected(true);
    int[] pages = {0};
    int[] roles = {0};
    assertEquals(1, await(cache.rememberedAudit("page", counting(pages))));
    assertEquals(1, await(cache.rememberedAudit("page", counting(pages))));
    assertEquals(1, await(cache.remembered("roles", counting(roles))));
    cache.rolesChanged();
    assertEquals(1, await(cache.rememberedAudit("page", counting(pages))), "no record written");
    assertEquals(2, await(cache.remembered("roles", counting(roles))));
    cache.auditWritten();
    assertEquals(2, await(cache.rememberedAudit("page", counting(pages))), "a record heard of");
    assertEquals(
        2, await(cache.remembered("roles", counting(roles))), "a record is not a role change");
    assertEquals(2, cache.auditMisses());
    assertEquals(2, cache.auditHits());
    cache.feedConnected(false);
    assertEquals(3, await(cache.rememberedAudit("page", counting(pages))));
    assertEquals(4, await(cache.rememberedAudit("page", counting(pages))), "no feed: every time");
  }

  @Test
  void anAuditRecordWrittenThroughTheseTransactionsStartsANewAuditGeneration() {
    cache.feedConnected(true);
    int[] pages = {0};
    int[] roles = {0};
    await(cache.rememberedAudit("page", counting(pages)));
    await(cache.remembered("roles", counting(roles)));
    dev.steward.application.port.out.audit.AuditRecord record =
        new dev.steward.application.port.out.audit.AuditRecord(
            "5e000000-0000-4000-8000-000000000001",
            Instant.EPOCH,
            PAUL.value(),
            "catalog.update",
            "catalog",
            CATALOG.value(),
            null,
            java.util.Map.of("id", CATALOG.value()),
            "req-1",
            "paul",
            "127.0.0.1",
            CATALOG.value());
    await(tx.inTransaction(uow -> uow.auditTrail().append(record)));
    assertEquals(2, await(cache.rememberedAudit("page", counting(pages))), "written here");
    assertEquals(1, await(cache.remembered("roles", counting(roles))), "roles still remembered");
    // A transaction that wrote a record and then failed may have committed it: forgotten too.
    writeThenFail(uow -> uow.auditTrail().append(record));
    assertEquals(3, await(cache.rememberedAudit("page", counting(pages))));
    await(tx.inTransaction(uow -> uow.auditTrail().forTarget(CATALOG.value(), 10)));
    assertEquals(3, await(cache.rememberedAudit("page", counting(pages))), "a read writes nothing");
  }

  @Test
  void anAuditPageReadWhileARecordIsWrittenIsNotKept() {
    cache.feedConnected(true);
    int[] pages = {0};
    java.util.function.Supplier<Future<Integer>> readAcrossAWrite =
        () -> {
          pages[0]++;
          cache.auditWritten();
          return Future.succeededFuture(pages[0]);
        };
    await(cache.rememberedAudit("page", readAcrossAWrite));
    await(cache.rememberedAudit("page", readAcrossAWrite));
    assertEquals(2, pages[0]);
  }

  @Test
  void rememberedAuditPagesAreBoundedByTheirRecords() {
    cache.feedConnected(true);
    int[] reads = {0};
    java.util.function.Supplier<Future<List<Integer>>> page =
        () -> {
          reads[0]++;
          return Future.succeededFuture(
              java.util.Collections.nCopies(HeldRoleCache.MAX_AUDIT_ROWS / 2, reads[0]));
        };
    await(cache.rememberedAudit("first", page));
    await(cache.rememberedAudit("second", page));
    await(cache.rememberedAudit("first", page));
    assertEquals(3, reads[0], "two pages of half the bound each do not both fit: forgotten");
    await(cache.rememberedAudit("first", page));
    assertEquals(3, reads[0]);
  }

  @Test
  void everyPageOfAListingSharesOneRememberedCount() {
    cache.feedConnected(true);
    CountedReads reads = reads();
    await(cache.count(IN_CATALOG, reads));
    await(
        cache.count(
            new dev.steward.application.port.in.delegation.RoleAssignmentQuery(
                IN_CATALOG.principals(),
                IN_CATALOG.roles(),
                IN_CATALOG.scopes(),
                "3a000000-0000-4000-8000-000000000009",
                50),
            reads));
    assertEquals(1, reads.counts, "paging does not change a count");
  }

  /** Role assignments whose {@code heldBy} runs {@code meanwhile} before its answer returns. */
  private static final class DelayedRoleAssignments extends ForwardingRoleAssignments {
    private final Runnable meanwhile;

    DelayedRoleAssignments(
        dev.steward.application.port.out.delegation.RoleAssignments inner, Runnable meanwhile) {
      super(inner);
      this.meanwhile = meanwhile;
    }

    @Override
    public Future<List<RoleAssignment>> heldBy(java.util.Collection<PrincipalId> principals) {
      return super.heldBy(principals)
          .map(
              found -> {
                meanwhile.run();
                return found;
              });
    }
  }
}
