package dev.steward.application.port.in.packages;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackage;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.AssignmentPolicy;
import dev.steward.domain.CatalogId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRoleScope;
import dev.steward.domain.ResourceRoleScopeId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Build access packages: create and edit them, choose their resource roles, forbid overlaps. */
public interface ManageAccessPackagesUseCase {
  /** A new package in a catalog. */
  record CreateAccessPackage(
      CatalogId catalog, String displayName, String description, boolean isHidden) {}

  /** The fields to change; absent ones stay. */
  record UpdateAccessPackage(
      AccessPackageId id,
      Optional<String> displayName,
      Optional<String> description,
      Optional<Boolean> isHidden) {}

  /** Grant a role ({@code Member_<groupId>} or {@code Owner_<groupId>}) of a catalog resource. */
  record AddResourceRole(
      AccessPackageId pkg, ResourceId resource, String roleOriginId, PrincipalId scopeOriginId) {}

  /** What to include with each package. */
  record Expand(boolean resourceRoleScopes, boolean assignmentPolicies) {
    public static final Expand NONE = new Expand(false, false);
  }

  /** A package and, when asked for, its resource roles and policies. */
  record AccessPackageView(
      AccessPackage accessPackage,
      Optional<List<ResourceRoleScope>> resourceRoleScopes,
      Optional<List<AssignmentPolicy>> assignmentPolicies) {}

  Future<AccessPackage> create(RequestContext ctx, CreateAccessPackage command);

  Future<AccessPackageView> get(RequestContext ctx, AccessPackageId id, Expand expand);

  /** Packages in the catalogs the caller may view, matching the query. */
  Future<Page<AccessPackageView>> list(RequestContext ctx, AccessPackageQuery query, Expand expand);

  /** How many packages in the catalogs the caller may view match the query, across pages. */
  Future<Long> count(RequestContext ctx, AccessPackageQuery query);

  Future<AccessPackage> update(RequestContext ctx, UpdateAccessPackage command);

  Future<Void> delete(RequestContext ctx, AccessPackageId id);

  Future<ResourceRoleScope> addResourceRole(RequestContext ctx, AddResourceRole command);

  Future<Void> removeResourceRole(
      RequestContext ctx, AccessPackageId pkg, ResourceRoleScopeId scope);

  Future<List<ResourceRoleScope>> resourceRoles(RequestContext ctx, AccessPackageId pkg);
}
