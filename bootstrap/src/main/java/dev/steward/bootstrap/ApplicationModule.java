package dev.steward.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.application.port.in.audit.ReadAuditLogUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.delivery.DeliverAccessUseCase;
import dev.steward.application.port.in.directory.AuthenticateUseCase;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.application.port.in.duework.RunDueWorkUseCase;
import dev.steward.application.port.in.notifications.SendNotificationsUseCase;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Telemetry;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.notifications.Mailer;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.HeldRoleCache;
import dev.steward.application.service.approvals.ApprovalService;
import dev.steward.application.service.assignments.AssignmentService;
import dev.steward.application.service.audit.AuditLogService;
import dev.steward.application.service.catalogs.CatalogService;
import dev.steward.application.service.delegation.EffectivePermissionsService;
import dev.steward.application.service.delegation.RoleAssignmentService;
import dev.steward.application.service.delegation.RoleDefinitionsService;
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
import javax.inject.Singleton;

/** The use cases, built from the outgoing ports, bound to their incoming ports. */
@Module
abstract class ApplicationModule {
  @Provides
  static IdGenerator ids() {
    return Guid::random;
  }

  @Provides
  @Singleton
  static AccessControl accessControl(
      Directory directory, Telemetry telemetry, HeldRoleCache heldRoles) {
    return new AccessControl(directory, telemetry, heldRoles);
  }

  @Provides
  @Singleton
  static Telemetry telemetry(io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry) {
    return new dev.steward.adapter.http.MicrometerTelemetry(registry);
  }

  @Provides
  @Singleton
  static Essentials essentials(
      Transactions tx,
      AccessControl access,
      Directory directory,
      Clock clock,
      IdGenerator ids,
      NotificationConfig notifications) {
    return new Essentials(tx, access, directory, clock, ids, notifications.mail().isPresent());
  }

  @Provides
  @Singleton
  static NotificationService notificationService(
      Essentials e, Mailer mailer, NotificationConfig notifications) {
    return new NotificationService(e, mailer, notifications.portalUrl());
  }

  @Provides
  @Singleton
  static dev.steward.application.service.extensions.CustomExtensionService customExtensionService(
      Essentials e, WebhookConfig webhooks) {
    return new dev.steward.application.service.extensions.CustomExtensionService(
        e, webhooks.targets());
  }

  @Provides
  @Singleton
  static dev.steward.application.service.extensions.WebhookService webhookService(
      Essentials e,
      dev.steward.application.port.out.extensions.WebhookSender sender,
      WebhookConfig webhooks) {
    return new dev.steward.application.service.extensions.WebhookService(
        e, sender, webhooks.targets());
  }

  @Provides
  @Singleton
  static dev.steward.application.service.extensions.ResumeService resumeService(
      Essentials e, DeliverAccessUseCase delivery) {
    return new dev.steward.application.service.extensions.ResumeService(e, delivery);
  }

  @Provides
  static dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase
      manageCustomExtensions(dev.steward.application.service.extensions.CustomExtensionService s) {
    return s;
  }

  @Provides
  static dev.steward.application.port.in.extensions.ResumeRequestsUseCase resumeRequests(
      dev.steward.application.service.extensions.ResumeService s) {
    return s;
  }

  @Provides
  static dev.steward.application.port.in.extensions.RunCustomExtensionsUseCase runCustomExtensions(
      dev.steward.application.service.extensions.WebhookService s) {
    return s;
  }

  @Provides
  @Singleton
  static CatalogService catalogService(Essentials e) {
    return new CatalogService(e);
  }

  @Provides
  @Singleton
  static AuditLogService auditLogService(Essentials e) {
    return new AuditLogService(e);
  }

  @Provides
  @Singleton
  static RoleAssignmentService roleAssignmentService(Essentials e) {
    return new RoleAssignmentService(e);
  }

  @Provides
  @Singleton
  static EffectivePermissionsService effectivePermissionsService(Essentials e) {
    return new EffectivePermissionsService(e);
  }

  @Provides
  @Singleton
  static ResourceService resourceService(Essentials e) {
    return new ResourceService(e);
  }

  @Provides
  @Singleton
  static AccessPackageService accessPackageService(Essentials e) {
    return new AccessPackageService(e);
  }

  @Provides
  @Singleton
  static SeparationOfDutiesService separationOfDutiesService(Essentials e) {
    return new SeparationOfDutiesService(e);
  }

  @Provides
  @Singleton
  static PolicyService policyService(
      Essentials e, dev.steward.application.port.out.directory.AttributeRuleSearch rules) {
    return new PolicyService(e, rules);
  }

  @Provides
  @Singleton
  static dev.steward.application.service.automation.AutomaticAssignmentService automaticAssignments(
      Essentials e,
      DeliverAccessUseCase delivery,
      dev.steward.application.port.out.directory.AttributeRuleSearch rules,
      AutomationConfig automation) {
    return new dev.steward.application.service.automation.AutomaticAssignmentService(
        e, delivery, rules, automation.interval());
  }

  @Provides
  @Singleton
  static DeliveryService deliveryService(Essentials e) {
    return new DeliveryService(e);
  }

  @Provides
  @Singleton
  static SubmitRequestService submitRequestService(Essentials e, DeliverAccessUseCase delivery) {
    return new SubmitRequestService(e, delivery);
  }

  @Provides
  @Singleton
  static RequestViewService requestViewService(Essentials e) {
    return new RequestViewService(e);
  }

  @Provides
  @Singleton
  static RequestablePackagesService requestablePackagesService(Essentials e) {
    return new RequestablePackagesService(e);
  }

  @Provides
  @Singleton
  static ApprovalService approvalService(Essentials e, DeliverAccessUseCase delivery) {
    return new ApprovalService(e, delivery);
  }

  @Provides
  @Singleton
  static AssignmentService assignmentService(Essentials e, DeliverAccessUseCase delivery) {
    return new AssignmentService(e, delivery);
  }

  @Provides
  @Singleton
  static DueWorkService dueWorkService(
      Essentials e,
      DeliverAccessUseCase delivery,
      dev.steward.application.port.in.automation.ReconcileAutomaticAssignmentsUseCase automatic,
      dev.steward.application.port.in.reviews.RunAccessReviewsUseCase reviews) {
    return new DueWorkService(e, delivery, automatic, reviews);
  }

  @Provides
  @Singleton
  static DirectoryService directoryService(Directory directory) {
    return new DirectoryService(directory);
  }

  @Provides
  @Singleton
  static RoleDefinitionsService roleDefinitions() {
    return new RoleDefinitionsService();
  }

  @Binds
  abstract DeliverAccessUseCase delivery(DeliveryService s);

  @Binds
  abstract SendNotificationsUseCase sendNotifications(NotificationService s);

  @Binds
  abstract RequestAccessUseCase requests(SubmitRequestService s);

  @Binds
  abstract ViewRequestsUseCase viewRequests(RequestViewService s);

  @Binds
  abstract FindRequestablePackagesUseCase requestable(RequestablePackagesService s);

  @Binds
  abstract ApproveRequestsUseCase approvals(ApprovalService s);

  @Binds
  abstract ViewAssignmentsUseCase assignments(AssignmentService s);

  @Binds
  abstract ManageIncompatibilitiesUseCase incompatibilities(SeparationOfDutiesService s);

  @Binds
  abstract RunDueWorkUseCase dueWork(DueWorkService s);

  @Binds
  abstract dev.steward.application.port.in.automation.ReconcileAutomaticAssignmentsUseCase
      reconcileAutomatic(dev.steward.application.service.automation.AutomaticAssignmentService s);

  @Binds
  abstract ManageCatalogResourcesUseCase resources(ResourceService s);

  @Binds
  abstract ManageAccessPackagesUseCase accessPackages(AccessPackageService s);

  @Binds
  abstract ManagePoliciesUseCase policies(PolicyService s);

  @Binds
  abstract ManageCatalogsUseCase catalogs(CatalogService s);

  @Binds
  abstract ReadAuditLogUseCase auditLog(AuditLogService s);

  @Binds
  abstract ManageRoleAssignmentsUseCase roleAssignments(RoleAssignmentService s);

  @Binds
  abstract EffectivePermissionsUseCase effectivePermissions(EffectivePermissionsService s);

  @Binds
  abstract BrowseDirectoryUseCase browseDirectory(DirectoryService s);

  @Binds
  abstract AuthenticateUseCase authenticate(DirectoryService s);

  @Binds
  abstract ListRoleDefinitionsUseCase listRoleDefinitions(RoleDefinitionsService s);
}
