package dev.steward.bootstrap;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dev.steward.application.port.in.ApproveRequestsUseCase;
import dev.steward.application.port.in.AuthenticateUseCase;
import dev.steward.application.port.in.BrowseDirectoryUseCase;
import dev.steward.application.port.in.EffectivePermissionsUseCase;
import dev.steward.application.port.in.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.ManageCatalogResourcesUseCase;
import dev.steward.application.port.in.ManageCatalogsUseCase;
import dev.steward.application.port.in.ManagePoliciesUseCase;
import dev.steward.application.port.in.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.RequestAccessUseCase;
import dev.steward.application.port.in.RunDueWorkUseCase;
import dev.steward.application.port.in.ViewAssignmentsUseCase;
import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.Directory;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Telemetry;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.service.AccessControl;
import dev.steward.application.service.AccessPackageService;
import dev.steward.application.service.AccessRequestService;
import dev.steward.application.service.CatalogService;
import dev.steward.application.service.DirectoryService;
import dev.steward.application.service.DueWorkService;
import dev.steward.application.service.EffectivePermissionsService;
import dev.steward.application.service.HeldRoleCache;
import dev.steward.application.service.PolicyService;
import dev.steward.application.service.ResourceService;
import dev.steward.application.service.RoleAssignmentService;
import dev.steward.application.service.RoleDefinitionsService;
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
  static CatalogService catalogService(
      Transactions tx, AccessControl access, Clock clock, IdGenerator ids) {
    return new CatalogService(tx, access, clock, ids);
  }

  @Provides
  @Singleton
  static RoleAssignmentService roleAssignmentService(
      Transactions tx, AccessControl access, Directory directory, Clock clock, IdGenerator ids) {
    return new RoleAssignmentService(tx, access, directory, clock, ids);
  }

  @Provides
  @Singleton
  static EffectivePermissionsService permissions(Transactions tx, AccessControl access) {
    return new EffectivePermissionsService(tx, access);
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

  @Provides
  @Singleton
  static ResourceService resourceService(
      Transactions tx, AccessControl access, Directory directory, Clock clock, IdGenerator ids) {
    return new ResourceService(tx, access, directory, clock, ids);
  }

  @Provides
  @Singleton
  static AccessPackageService accessPackageService(
      Transactions tx, AccessControl access, Directory directory, Clock clock, IdGenerator ids) {
    return new AccessPackageService(tx, access, directory, clock, ids);
  }

  @Provides
  @Singleton
  static PolicyService policyService(
      Transactions tx, AccessControl access, Directory directory, Clock clock, IdGenerator ids) {
    return new PolicyService(tx, access, directory, clock, ids);
  }

  @Provides
  @Singleton
  static AccessRequestService accessRequestService(
      Transactions tx, AccessControl access, Directory directory, Clock clock, IdGenerator ids) {
    return new AccessRequestService(tx, access, directory, clock, ids);
  }

  @Provides
  @Singleton
  static DueWorkService dueWorkService(
      Transactions tx, Directory directory, Clock clock, IdGenerator ids, Telemetry telemetry) {
    return new DueWorkService(tx, directory, clock, ids, telemetry);
  }

  @Binds
  abstract RequestAccessUseCase requests(AccessRequestService s);

  @Binds
  abstract ApproveRequestsUseCase approvals(AccessRequestService s);

  @Binds
  abstract ViewAssignmentsUseCase assignments(AccessRequestService s);

  @Binds
  abstract RunDueWorkUseCase dueWork(DueWorkService s);

  @Binds
  abstract ManageCatalogResourcesUseCase resources(ResourceService s);

  @Binds
  abstract ManageAccessPackagesUseCase accessPackages(AccessPackageService s);

  @Binds
  abstract ManagePoliciesUseCase policies(PolicyService s);

  @Binds
  abstract ManageCatalogsUseCase catalogs(CatalogService s);

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
