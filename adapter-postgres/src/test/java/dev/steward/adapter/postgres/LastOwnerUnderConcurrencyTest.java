package dev.steward.adapter.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.FakeDirectory;
import dev.steward.application.fakes.World;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase.CreateCatalog;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.catalogs.CatalogService;
import dev.steward.application.service.delegation.RoleAssignmentService;
import dev.steward.domain.Catalog;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Owners of one catalog removed all at once, each by a different request on its own connection:
 * Postgres serialises them on the catalog row, so exactly one owner always remains.
 */
class LastOwnerUnderConcurrencyTest {
  private static final int OWNERS = 8;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    PostgresSettings settings = TestPostgres.freshDatabase();
    vertx = Vertx.vertx();
    pool =
        PgPools.create(
            vertx,
            new PostgresSettings(
                settings.host(),
                settings.port(),
                settings.database(),
                settings.user(),
                settings.password(),
                settings.migrationUser(),
                settings.migrationPassword(),
                settings.appRole(),
                OWNERS + 2));
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    vertx.close().await();
  }

  @RepeatedTest(5)
  void concurrentRemovalsOfEveryOwnerLeaveExactlyOne() {
    FakeDirectory directory = new FakeDirectory();
    Principal admin = directory.addUser("admin", "pw");
    directory.grantDirectoryRole(
        RoleDefinition.GLOBAL_ADMINISTRATOR, directory.addGroup("admins", admin));
    Transactions tx = PgPools.transactions(pool, TestPostgres.SEAL);
    AccessControl access = new AccessControl(directory);
    var clock = (dev.steward.application.port.out.Clock) Instant::now;
    Essentials essentials = new Essentials(tx, access, directory, clock, Guid::random);
    CatalogService catalogs = new CatalogService(essentials);
    RoleAssignmentService roles = new RoleAssignmentService(essentials);

    Catalog catalog =
        World.await(
            catalogs.create(
                World.as(admin),
                new CreateCatalog("Race", "", Optional.empty(), Optional.empty())));
    List<RoleAssignment> owners =
        new ArrayList<>(
            World.await(tx.read(uow -> uow.roleAssignments().inScope(catalog.scope()))));
    while (owners.size() < OWNERS) {
      Principal p = directory.addUser("owner" + owners.size(), "pw");
      owners.add(
          World.await(
              roles.assign(
                  World.as(admin),
                  new AssignRole(p.id(), RoleDefinition.CATALOG_OWNER, catalog.scope()))));
    }

    List<Future<Void>> removals = new ArrayList<>();
    for (RoleAssignment owner : owners) {
      removals.add(roles.remove(World.as(admin), owner.id()));
    }
    Future.join(removals).otherwiseEmpty().await();

    long succeeded = removals.stream().filter(Future::succeeded).count();
    List<Throwable> failures = removals.stream().filter(Future::failed).map(Future::cause).toList();
    assertEquals(OWNERS - 1, succeeded);
    assertEquals(1, failures.size());
    assertTrue(
        failures.get(0) instanceof DomainException d
            && d.reason() == DomainException.Reason.LAST_CATALOG_OWNER,
        "unexpected failure: " + failures.get(0));
    assertEquals(
        1L, (long) World.await(tx.read(uow -> uow.roleAssignments().countOwners(catalog.id()))));
    long audited =
        owners.stream()
            .mapToLong(
                o ->
                    World.await(tx.read(uow -> uow.auditTrail().forTarget(o.id().value(), 10)))
                        .stream()
                        .filter(r -> r.action().equals("roleAssignment.remove"))
                        .count())
            .sum();
    assertEquals(OWNERS - 1, audited);
  }
}
