package dev.steward.application.port.out.packages;

import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores access packages, the resource roles they grant and their incompatibilities. */
public interface AccessPackages {
  Future<Long> countInCatalog(CatalogId catalog);

  Future<Void> insert(AccessPackage pkg);

  Future<Optional<AccessPackage>> find(AccessPackageId id);

  /** The packages with these ids, in one read, in no particular order; ids of none are left out. */
  Future<List<AccessPackage>> findAll(Set<AccessPackageId> ids);

  /**
   * The packages, hidden ones left out, that {@code user} may ask for access to themselves, ordered
   * by id, at most {@code limit}: those with a policy that has self-add on and whose target scope
   * takes the user — every user, the user by name, or a group the user is in (the rule of {@link
   * dev.steward.application.port.out.policies.Policies#requestableBy}). One read, without the
   * policies themselves.
   *
   * @param groups the user's groups, nested ones included
   */
  Future<List<AccessPackage>> requestableBy(PrincipalId user, Set<PrincipalId> groups, int limit);

  /** How many packages {@link #requestableBy} finds, whatever its limit. */
  Future<Long> countRequestableBy(PrincipalId user, Set<PrincipalId> groups);

  /** Finds a package and locks it until the transaction ends. */
  Future<Optional<AccessPackage>> findForUpdate(AccessPackageId id);

  /**
   * Finds a package and keeps it from changing until the transaction ends: {@link #findForUpdate},
   * {@link #update} and {@link #delete} in other transactions wait, while any number of others may
   * hold the same at once. Requests for one package take this, not {@link #findForUpdate}, so they
   * do not queue behind each other (what they must not do at once is per user, under {@code
   * Assignments.lockHolder}). A call made while a {@link #findForUpdate} waits for the holders goes
   * after it, so a stream of requests never holds a change off (decision 0035).
   */
  Future<Optional<AccessPackage>> findForShare(AccessPackageId id);

  Future<Void> update(AccessPackage pkg);

  /** Deletes a package with its resource roles, policies and incompatibilities. */
  Future<Void> delete(AccessPackageId id);

  /** Lists packages ordered by id. */
  Future<List<AccessPackage>> list(AccessPackageQuery query);

  /** How many packages pass the query's filters, whatever its paging. */
  Future<Long> count(AccessPackageQuery query);

  /** Assignments of the package that still count (not expired). */
  Future<Long> countAssignments(AccessPackageId id);

  /** Adds a resource role; fails with {@code ALREADY_EXISTS} when the package grants it already. */
  Future<Void> addRoleScope(ResourceRoleScope scope);

  Future<Optional<ResourceRoleScope>> findRoleScope(ResourceRoleScopeId id);

  Future<List<ResourceRoleScope>> roleScopes(AccessPackageId id);

  Future<Void> removeRoleScope(ResourceRoleScopeId id);

  /** Fails with {@code ALREADY_EXISTS} when the pair is there already. */
  Future<Void> addIncompatiblePackage(AccessPackageId pkg, AccessPackageId other);

  /** Whether there was such a pair to remove. */
  Future<Boolean> removeIncompatiblePackage(AccessPackageId pkg, AccessPackageId other);

  Future<List<AccessPackage>> incompatiblePackages(AccessPackageId pkg);

  /** Fails with {@code ALREADY_EXISTS} when the pair is there already. */
  Future<Void> addIncompatibleGroup(AccessPackageId pkg, PrincipalId group);

  Future<Boolean> removeIncompatibleGroup(AccessPackageId pkg, PrincipalId group);

  Future<List<PrincipalId>> incompatibleGroups(AccessPackageId pkg);
}
