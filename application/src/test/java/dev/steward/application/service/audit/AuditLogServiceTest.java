package dev.steward.application.service.audit;

import static dev.steward.application.fakes.World.as;
import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.World;
import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.audit.AuditQuery;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase.AuditEntry;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.domain.Catalog;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who reads which audit records, and what a record says about who made the change. */
class AuditLogServiceTest {
  private final World w = new World();
  private final AuditLogService log = new AuditLogService(w.essentials);
  private final Principal reader = w.user("rita");

  AuditLogServiceTest() {
    w.directory.grantDirectoryRole(
        RoleDefinition.REPORTS_READER, w.directory.addGroup("Audit readers", reader));
  }

  private Catalog createdBy(Principal creator, String name) {
    await(
        w.roles.assign(
            as(w.admin),
            new AssignRole(creator.id(), RoleDefinition.CATALOG_CREATOR, Scope.TENANT)));
    RequestContext from =
        new RequestContext(new Actor(creator.id(), creator.login()), "req-" + name, "192.0.2.1");
    return await(
        w.catalogs.create(from, new CreateCatalog(name, "", Optional.empty(), Optional.empty())));
  }

  private List<String> targets(Principal caller) {
    return await(log.list(as(caller), AuditQuery.all(null, 50))).items().stream()
        .map(e -> e.record().targetType() + ":" + e.record().action())
        .toList();
  }

  @Test
  void readersAndAdministratorsReadEveryRecordAndOwnersOnlyTheirCatalogs() {
    Principal alice = w.user("alice");
    Principal bob = w.user("bob");
    Catalog a = createdBy(alice, "A");
    createdBy(bob, "B");
    int all = w.store.auditRecords().size();
    assertEquals(all, targets(reader).size());
    assertEquals(all, targets(w.admin).size());
    List<AuditEntry> mine = await(log.list(as(alice), AuditQuery.all(null, 50))).items();
    assertTrue(!mine.isEmpty());
    assertTrue(mine.stream().allMatch(e -> a.id().value().equals(e.record().catalogId())));
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        assertThrows(DomainException.class, () -> targets(w.user("nobody"))).reason());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        assertThrows(DomainException.class, () -> targets(w.userAdmin)).reason());
  }

  @Test
  void rememberedPagesAndCountsAreKeyedByWhatTheCallerMayRead() {
    Principal alice = w.user("alice");
    Principal bob = w.user("bob");
    Catalog a = createdBy(alice, "A");
    createdBy(bob, "B");
    // The same service as Steward wires it: held roles and audit pages remembered, writes tracked.
    dev.steward.application.service.HeldRoleCache cache =
        new dev.steward.application.service.HeldRoleCache(true);
    cache.feedConnected(true);
    dev.steward.application.service.Essentials remembering =
        new dev.steward.application.service.Essentials(
            cache.tracking(w.store),
            new dev.steward.application.service.AccessControl(
                w.directory, dev.steward.application.port.out.Telemetry.none(), cache),
            w.directory,
            w.clock,
            w.ids);
    AuditLogService remembered = new AuditLogService(remembering);
    AuditQuery all = AuditQuery.all(null, 50);
    int every = w.store.auditRecords().size();
    assertEquals(every, await(remembered.list(as(reader), all)).items().size());
    assertEquals(every, await(remembered.list(as(reader), all)).items().size());
    assertEquals(every, await(remembered.count(as(reader), all, Optional.empty())));
    assertEquals(1, cache.auditHits(), "rita's page asked again came from memory");
    List<AuditEntry> mine = await(remembered.list(as(alice), all)).items();
    assertTrue(mine.size() < every, "alice is not given rita's remembered page");
    assertTrue(mine.stream().allMatch(e -> a.id().value().equals(e.record().catalogId())));
    assertEquals(
        (long) mine.size(), await(remembered.count(as(alice), all, Optional.empty())), "her count");
    // A change through the tracked transactions: both read it on their very next request.
    RequestContext fromAlice =
        new RequestContext(new Actor(alice.id(), alice.login()), "req-rename", "192.0.2.1");
    await(
        new dev.steward.application.service.catalogs.CatalogService(remembering)
            .update(
                fromAlice,
                new dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.UpdateCatalog(
                    a.id(),
                    Optional.of("A2"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())));
    assertEquals(every + 1, await(remembered.list(as(reader), all)).items().size());
    assertEquals(mine.size() + 1, await(remembered.list(as(alice), all)).items().size());
    assertEquals(every + 1, await(remembered.count(as(reader), all, Optional.empty())));
  }

  @Test
  void aRecordNamesItsActorAndAddressAndIsRefusedToOwnersOfOtherCatalogs() {
    Principal alice = w.user("alice");
    Principal bob = w.user("bob");
    Catalog a = createdBy(alice, "A");
    createdBy(bob, "B");
    AuditEntry created =
        await(log.list(as(reader), AuditQuery.all(null, 50))).items().stream()
            .filter(e -> e.record().action().equals("catalog.create"))
            .filter(e -> e.record().targetId().equals(a.id().value()))
            .findFirst()
            .orElseThrow();
    assertEquals(Optional.of(alice.displayName()), created.actorDisplayName());
    assertEquals("alice", created.record().actorLogin());
    assertEquals("192.0.2.1", created.record().ipAddress());
    String id = created.record().id();
    assertEquals(id, await(log.get(as(alice), id)).record().id());
    assertEquals(
        DomainException.Reason.NOT_AUTHORIZED,
        assertThrows(DomainException.class, () -> await(log.get(as(bob), id))).reason());
    assertEquals(
        DomainException.Reason.AUDIT_RECORD_NOT_FOUND,
        assertThrows(
                DomainException.class,
                () -> await(log.get(as(reader), dev.steward.domain.Guid.random())))
            .reason());
  }

  @Test
  void eachCallerCountsOnlyWhatTheyMayReadAndAHugeCountIsRefusedSayingWhy() {
    Principal alice = w.user("alice");
    Principal bob = w.user("bob");
    createdBy(alice, "A");
    createdBy(bob, "B");
    AuditQuery onePerPage = AuditQuery.all(null, 1);
    long all = w.store.auditRecords().size();
    assertEquals(all, (long) await(log.count(as(reader), onePerPage, Optional.empty())));
    long alices = await(log.list(as(alice), AuditQuery.all(null, 50))).items().size();
    assertEquals(alices, (long) await(log.count(as(alice), onePerPage, Optional.empty())));
    assertTrue(alices < all);
    await(
        w.store.inTransaction(
            uow -> {
              for (long i = 0; i <= AuditQuery.MAX_COUNT; i++) {
                uow.auditTrail()
                    .append(
                        new dev.steward.application.port.out.audit.AuditRecord(
                            dev.steward.domain.Guid.random(),
                            java.time.Instant.EPOCH.plusSeconds(i),
                            w.admin.id().value(),
                            "catalog.update",
                            "catalog",
                            dev.steward.domain.Guid.random(),
                            null,
                            null,
                            "bulk",
                            "admin",
                            null,
                            null));
              }
              return io.vertx.core.Future.succeededFuture();
            }));
    DomainException refused =
        assertThrows(
            DomainException.class,
            () -> await(log.count(as(reader), onePerPage, Optional.empty())));
    assertEquals(DomainException.Reason.INVALID_MODEL, refused.reason());
    assertTrue(refused.getMessage().contains("at most 10000"), refused.getMessage());
    // Alice's catalog holds few of them, so she still counts hers.
    assertEquals(alices, (long) await(log.count(as(alice), onePerPage, Optional.empty())));
  }
}
