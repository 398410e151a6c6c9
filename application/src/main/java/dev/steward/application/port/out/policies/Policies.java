package dev.steward.application.port.out.policies;

import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Stores assignment policies. */
public interface Policies {
  Future<Void> insert(AssignmentPolicy policy);

  Future<Optional<AssignmentPolicy>> find(PolicyId id);

  Future<Void> update(AssignmentPolicy policy);

  Future<Void> delete(PolicyId id);

  /**
   * Lists policies ordered by id.
   *
   * @param catalogs only policies in these catalogs, or empty for all
   * @param accessPackage only this package's policies, or empty for all
   */
  Future<List<AssignmentPolicy>> list(
      Optional<Set<CatalogId>> catalogs,
      Optional<AccessPackageId> accessPackage,
      String afterId,
      int limit);

  /**
   * The policies of {@code packages} through which {@code user} may ask for access themselves,
   * ordered by id: those with self-add on whose target scope takes the user — every user, the user
   * by name, or a group the user is in. The store tests the scope, so a caller does not read every
   * policy to find them; {@link
   * dev.steward.application.port.out.packages.AccessPackages#requestableBy} finds the packages by
   * the same rule.
   *
   * @param groups the user's groups, nested ones included
   */
  Future<List<AssignmentPolicy>> requestableBy(
      PrincipalId user, Set<PrincipalId> groups, Set<AccessPackageId> packages);
}
