package dev.steward.application.fakes;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.AccessPackageService;
import dev.steward.application.service.AccessRequestService;
import dev.steward.application.service.CatalogService;
import dev.steward.application.service.DirectoryService;
import dev.steward.application.service.DueWorkService;
import dev.steward.application.service.EffectivePermissionsService;
import dev.steward.application.service.PolicyService;
import dev.steward.application.service.ResourceService;
import dev.steward.application.service.RoleAssignmentService;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.RoleDefinition;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A small organisation wired to the real services over in-memory fakes: an administrator, a user
 * administrator, a catalog creator and plain users, each able to sign in.
 */
public final class World {
  public final InMemoryStore store = new InMemoryStore();
  public final FakeDirectory directory = new FakeDirectory();
  public final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T09:00:00Z"));
  public final IdGenerator ids = Guid::random;
  public final AccessControl access = new AccessControl(directory);
  public final CatalogService catalogs = new CatalogService(store, access, clock, ids);
  public final RoleAssignmentService roles =
      new RoleAssignmentService(store, access, directory, clock, ids);
  public final EffectivePermissionsService permissions =
      new EffectivePermissionsService(store, access);
  public final DirectoryService directoryService = new DirectoryService(directory);
  public final ResourceService resources =
      new ResourceService(store, access, directory, clock, ids);
  public final AccessPackageService packages =
      new AccessPackageService(store, access, directory, clock, ids);
  public final PolicyService policies = new PolicyService(store, access, directory, clock, ids);
  public final AccessRequestService requests =
      new AccessRequestService(store, access, directory, clock, ids);
  public final DueWorkService dueWork = new DueWorkService(store, directory, clock, ids);

  public final Principal admin = directory.addUser("admin", "pw");
  public final Principal governanceAdmin = directory.addUser("igadmin", "pw");
  public final Principal userAdmin = directory.addUser("useradmin", "pw");
  public final Principal creator = directory.addUser("creator", "pw");

  public World() {
    directory.grantDirectoryRole(
        RoleDefinition.GLOBAL_ADMINISTRATOR, directory.addGroup("Global admins", admin));
    directory.grantDirectoryRole(
        RoleDefinition.IDENTITY_GOVERNANCE_ADMINISTRATOR,
        directory.addGroup("Governance admins", governanceAdmin));
    directory.grantDirectoryRole(
        RoleDefinition.USER_ADMINISTRATOR, directory.addGroup("User admins", userAdmin));
  }

  public Principal user(String login) {
    return directory.addUser(login, "pw");
  }

  public static RequestContext as(Principal user) {
    return new RequestContext(new Actor(user.id(), user.login()), "req-" + Guid.random());
  }

  /** Waits for a future and returns its value, rethrowing its failure. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void advance(Duration d) {
    clock.advance(d);
  }
}
