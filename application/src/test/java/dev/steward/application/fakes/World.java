package dev.steward.application.fakes;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.approvals.ApprovalService;
import dev.steward.application.service.assignments.AssignmentService;
import dev.steward.application.service.automation.AutomaticAssignmentService;
import dev.steward.application.service.catalogs.CatalogService;
import dev.steward.application.service.delegation.EffectivePermissionsService;
import dev.steward.application.service.delegation.RoleAssignmentService;
import dev.steward.application.service.delivery.DeliveryService;
import dev.steward.application.service.directory.DirectoryService;
import dev.steward.application.service.duework.DueWorkService;
import dev.steward.application.service.notifications.NotificationService;
import dev.steward.application.service.packages.AccessPackageService;
import dev.steward.application.service.packages.SeparationOfDutiesService;
import dev.steward.application.service.policies.PolicyService;
import dev.steward.application.service.requests.RequestViewService;
import dev.steward.application.service.requests.RequestablePackagesService;
import dev.steward.application.service.requests.SubmitRequestService;
import dev.steward.application.service.resources.ResourceService;
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
  public final Essentials essentials = new Essentials(store, access, directory, clock, ids);
  public final CatalogService catalogs = new CatalogService(essentials);
  public final RoleAssignmentService roles = new RoleAssignmentService(essentials);
  public final EffectivePermissionsService permissions =
      new EffectivePermissionsService(essentials);
  public final DirectoryService directoryService = new DirectoryService(directory);
  public final ResourceService resources = new ResourceService(essentials);
  public final AccessPackageService packages = new AccessPackageService(essentials);
  public final SeparationOfDutiesService separation = new SeparationOfDutiesService(essentials);
  public final FakeAttributeRules attributes = new FakeAttributeRules();
  public final PolicyService policies = new PolicyService(essentials, attributes);
  public final DeliveryService delivery = new DeliveryService(essentials);
  public final SubmitRequestService requests = new SubmitRequestService(essentials, delivery);
  public final RequestViewService requestViews = new RequestViewService(essentials);
  public final RequestablePackagesService requestable = new RequestablePackagesService(essentials);
  public final ApprovalService approvals = new ApprovalService(essentials, delivery);
  public final AssignmentService assignments = new AssignmentService(essentials, delivery);
  public final AutomaticAssignmentService automatic =
      new AutomaticAssignmentService(essentials, delivery, attributes, Duration.ofMinutes(5));
  public final dev.steward.application.service.reviews.ReviewRunService reviewRuns =
      new dev.steward.application.service.reviews.ReviewRunService(essentials, delivery, 90);
  public final dev.steward.application.service.reviews.AccessReviewService reviews =
      new dev.steward.application.service.reviews.AccessReviewService(essentials, reviewRuns);
  public final dev.steward.application.service.reviews.ReviewDecisionService reviewDecisions =
      new dev.steward.application.service.reviews.ReviewDecisionService(essentials);
  public final DueWorkService dueWork =
      new DueWorkService(essentials, delivery, automatic, reviewRuns);
  public final FakeMailer mailer = new FakeMailer();
  public final NotificationService notifications =
      new NotificationService(essentials, mailer, "https://steward.example.org/portal/");

  public final FakeWebhookSender webhookSender = new FakeWebhookSender();
  public final dev.steward.application.service.extensions.WebhookTargets webhookTargets =
      new dev.steward.application.service.extensions.WebhookTargets(
          java.util.List.of("https://hooks.example.org/steward/"), false);
  public final dev.steward.application.service.extensions.CustomExtensionService customExtensions =
      new dev.steward.application.service.extensions.CustomExtensionService(
          essentials, webhookTargets);
  public final dev.steward.application.service.extensions.WebhookService webhooks =
      new dev.steward.application.service.extensions.WebhookService(
          essentials, webhookSender, webhookTargets);
  public final dev.steward.application.service.extensions.ResumeService resumes =
      new dev.steward.application.service.extensions.ResumeService(essentials, delivery);

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
