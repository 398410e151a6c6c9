package dev.steward.application.service;

import dev.steward.application.port.in.catalogs.CatalogQuery;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.assignments.Assignments;
import dev.steward.application.port.out.audit.AuditTrail;
import dev.steward.application.port.out.catalogs.Catalogs;
import dev.steward.application.port.out.delegation.RoleAssignments;
import dev.steward.application.port.out.duework.ScheduledWork;
import dev.steward.application.port.out.packages.AccessPackages;
import dev.steward.application.port.out.policies.Policies;
import dev.steward.application.port.out.requests.AssignmentRequests;
import dev.steward.application.port.out.resources.CatalogResources;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A unit of work whose writes to the tables {@link HeldRoleCache} remembers answers from — role
 * assignments, catalogs, access packages and assignment policies — are noted in {@code touched}, so
 * that the transaction starts a new generation when it ends (decisions 0011, 0029); records
 * appended to the audit trail are noted in {@code audited}, for the audit generation (decision
 * 0030).
 */
record TrackedUnitOfWork(UnitOfWork inner, AtomicBoolean touched, AtomicBoolean audited)
    implements UnitOfWork {
  @Override
  public Catalogs catalogs() {
    return new TrackedCatalogs(inner.catalogs(), touched);
  }

  @Override
  public RoleAssignments roleAssignments() {
    return new ForwardingRoleAssignments(inner.roleAssignments()) {
      @Override
      public Future<Void> add(RoleAssignment assignment) {
        touched.set(true);
        return super.add(assignment);
      }

      @Override
      public Future<Void> remove(RoleAssignmentId id) {
        touched.set(true);
        return super.remove(id);
      }
    };
  }

  @Override
  public AccessPackages accessPackages() {
    return new TrackedPackages(inner.accessPackages(), touched);
  }

  @Override
  public CatalogResources resources() {
    return inner.resources();
  }

  @Override
  public Policies policies() {
    return new TrackedPolicies(inner.policies(), touched);
  }

  @Override
  public AssignmentRequests requests() {
    return inner.requests();
  }

  @Override
  public dev.steward.application.port.out.sessions.SessionStore sessions() {
    return inner.sessions();
  }

  @Override
  public Assignments assignments() {
    return inner.assignments();
  }

  @Override
  public ScheduledWork scheduledWork() {
    return inner.scheduledWork();
  }

  @Override
  public AuditTrail auditTrail() {
    return new TrackedAuditTrail(inner.auditTrail(), audited);
  }

  @Override
  public dev.steward.application.port.out.notifications.Outbox outbox() {
    return inner.outbox();
  }

  @Override
  public dev.steward.application.port.out.reviews.AccessReviews accessReviews() {
    return inner.accessReviews();
  }

  @Override
  public dev.steward.application.port.out.extensions.CustomExtensions customExtensions() {
    return inner.customExtensions();
  }

  @Override
  public dev.steward.application.port.out.extensions.Callouts callouts() {
    return inner.callouts();
  }

  /** Catalogs whose writes are noted (a deleted catalog takes its role assignments with it). */
  private record TrackedCatalogs(Catalogs inner, AtomicBoolean touched) implements Catalogs {
    @Override
    public Future<Void> insert(Catalog catalog) {
      touched.set(true);
      return inner.insert(catalog);
    }

    @Override
    public Future<Void> update(Catalog catalog) {
      touched.set(true);
      return inner.update(catalog);
    }

    @Override
    public Future<Void> delete(CatalogId id) {
      touched.set(true);
      return inner.delete(id);
    }

    @Override
    public Future<Optional<Catalog>> find(CatalogId id) {
      return inner.find(id);
    }

    @Override
    public Future<Optional<Catalog>> findForUpdate(CatalogId id) {
      return inner.findForUpdate(id);
    }

    @Override
    public Future<Optional<Catalog>> findForShare(CatalogId id) {
      return inner.findForShare(id);
    }

    @Override
    public Future<List<Catalog>> list(Optional<Set<CatalogId>> only, CatalogQuery query) {
      return inner.list(only, query);
    }

    @Override
    public Future<Long> count(Optional<Set<CatalogId>> only, CatalogQuery query) {
      return inner.count(only, query);
    }
  }

  /** Access packages whose writes to the package rows themselves are noted. */
  private record TrackedPackages(AccessPackages inner, AtomicBoolean touched)
      implements AccessPackages {
    @Override
    public Future<Void> insert(AccessPackage pkg) {
      touched.set(true);
      return inner.insert(pkg);
    }

    @Override
    public Future<Void> update(AccessPackage pkg) {
      touched.set(true);
      return inner.update(pkg);
    }

    @Override
    public Future<Void> delete(AccessPackageId id) {
      touched.set(true);
      return inner.delete(id);
    }

    @Override
    public Future<Long> countInCatalog(CatalogId catalog) {
      return inner.countInCatalog(catalog);
    }

    @Override
    public Future<Optional<AccessPackage>> find(AccessPackageId id) {
      return inner.find(id);
    }

    @Override
    public Future<List<AccessPackage>> findAll(Set<AccessPackageId> ids) {
      return inner.findAll(ids);
    }

    @Override
    public Future<List<AccessPackage>> requestableBy(
        PrincipalId user, Set<PrincipalId> groups, int limit) {
      return inner.requestableBy(user, groups, limit);
    }

    @Override
    public Future<Long> countRequestableBy(PrincipalId user, Set<PrincipalId> groups) {
      return inner.countRequestableBy(user, groups);
    }

    @Override
    public Future<Optional<AccessPackage>> findForUpdate(AccessPackageId id) {
      return inner.findForUpdate(id);
    }

    @Override
    public Future<Optional<AccessPackage>> findForShare(AccessPackageId id) {
      return inner.findForShare(id);
    }

    @Override
    public Future<List<AccessPackage>> list(AccessPackageQuery query) {
      return inner.list(query);
    }

    @Override
    public Future<Long> count(AccessPackageQuery query) {
      return inner.count(query);
    }

    @Override
    public Future<Long> countAssignments(AccessPackageId id) {
      return inner.countAssignments(id);
    }

    @Override
    public Future<Void> addRoleScope(ResourceRoleScope scope) {
      return inner.addRoleScope(scope);
    }

    @Override
    public Future<Optional<ResourceRoleScope>> findRoleScope(ResourceRoleScopeId id) {
      return inner.findRoleScope(id);
    }

    @Override
    public Future<List<ResourceRoleScope>> roleScopes(AccessPackageId id) {
      return inner.roleScopes(id);
    }

    @Override
    public Future<Void> removeRoleScope(ResourceRoleScopeId id) {
      return inner.removeRoleScope(id);
    }

    @Override
    public Future<Void> addIncompatiblePackage(AccessPackageId pkg, AccessPackageId other) {
      return inner.addIncompatiblePackage(pkg, other);
    }

    @Override
    public Future<Boolean> removeIncompatiblePackage(AccessPackageId pkg, AccessPackageId other) {
      return inner.removeIncompatiblePackage(pkg, other);
    }

    @Override
    public Future<List<AccessPackage>> incompatiblePackages(AccessPackageId pkg) {
      return inner.incompatiblePackages(pkg);
    }

    @Override
    public Future<Void> addIncompatibleGroup(AccessPackageId pkg, PrincipalId group) {
      return inner.addIncompatibleGroup(pkg, group);
    }

    @Override
    public Future<Boolean> removeIncompatibleGroup(AccessPackageId pkg, PrincipalId group) {
      return inner.removeIncompatibleGroup(pkg, group);
    }

    @Override
    public Future<List<PrincipalId>> incompatibleGroups(AccessPackageId pkg) {
      return inner.incompatibleGroups(pkg);
    }
  }

  /** Assignment policies whose writes are noted. */
  private record TrackedPolicies(Policies inner, AtomicBoolean touched) implements Policies {
    @Override
    public Future<Void> insert(AssignmentPolicy policy) {
      touched.set(true);
      return inner.insert(policy);
    }

    @Override
    public Future<Void> update(AssignmentPolicy policy) {
      touched.set(true);
      return inner.update(policy);
    }

    @Override
    public Future<Void> delete(PolicyId id) {
      touched.set(true);
      return inner.delete(id);
    }

    @Override
    public Future<Optional<AssignmentPolicy>> find(PolicyId id) {
      return inner.find(id);
    }

    @Override
    public Future<List<AssignmentPolicy>> list(
        Optional<Set<CatalogId>> catalogs,
        Optional<AccessPackageId> accessPackage,
        String afterId,
        int limit) {
      return inner.list(catalogs, accessPackage, afterId, limit);
    }

    @Override
    public Future<List<AssignmentPolicy>> requestableBy(
        PrincipalId user, Set<PrincipalId> groups, Set<AccessPackageId> packages) {
      return inner.requestableBy(user, groups, packages);
    }
  }

  /** An audit trail whose appends are noted. */
  private record TrackedAuditTrail(AuditTrail inner, AtomicBoolean audited) implements AuditTrail {
    @Override
    public Future<Void> append(dev.steward.application.port.out.audit.AuditRecord record) {
      audited.set(true);
      return inner.append(record);
    }

    @Override
    public Future<List<dev.steward.application.port.out.audit.AuditRecord>> forTarget(
        String targetId, int limit) {
      return inner.forTarget(targetId, limit);
    }

    @Override
    public Future<List<dev.steward.application.port.out.audit.AuditRecord>> find(
        Optional<Set<CatalogId>> only, dev.steward.application.port.in.audit.AuditQuery query) {
      return inner.find(only, query);
    }

    @Override
    public Future<Long> count(
        Optional<Set<CatalogId>> only,
        dev.steward.application.port.in.audit.AuditQuery query,
        long atMost) {
      return inner.count(only, query, atMost);
    }

    @Override
    public Future<Optional<dev.steward.application.port.out.audit.AuditRecord>> get(String id) {
      return inner.get(id);
    }

    @Override
    public Future<dev.steward.application.port.out.audit.ChainVerification> verifyChain() {
      return inner.verifyChain();
    }
  }
}
