package dev.steward.adapter.http;

import static dev.steward.adapter.http.StewardApi.EM;
import static dev.steward.adapter.http.StewardApi.collection;
import static dev.steward.adapter.http.StewardApi.guarded;
import static dev.steward.adapter.http.StewardApi.noContent;
import static dev.steward.adapter.http.StewardApi.request;
import static dev.steward.adapter.http.StewardApi.respond;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.application.port.in.packages.AccessPackageQuery;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.AddResourceRole;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.CreateAccessPackage;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.Expand;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase.UpdateAccessPackage;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase.PolicyDraft;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.RequestType;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase.ResourceRequest;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PolicyDocument;
import dev.steward.domain.PolicyId;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRoleScopeId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The routes of what access package managers build: resources, packages and policies. */
final class PackageRoutes {
  private static final String PACKAGES = EM + "/accessPackages";
  private static final String POLICIES = EM + "/assignmentPolicies";
  private static final Pattern CONTAINS =
      Pattern.compile("^\\s*contains\\(\\s*displayName\\s*,\\s*'((?:[^']|'')*)'\\s*\\)\\s*$");
  private static final Pattern REF_ID = Pattern.compile("/([0-9a-fA-F-]{36})/?$");

  private final StewardApi.UseCases uc;

  PackageRoutes(StewardApi.UseCases uc) {
    this.uc = uc;
  }

  void mount(Router router) {
    router.post(EM + "/resourceRequests").handler(this::resourceRequest);
    router.get(EM + "/catalogs/:id/resources").handler(this::resources);
    router.get(EM + "/catalogs/:id/resourceRoles").handler(this::resourceRoles);

    router.get(PACKAGES).handler(this::listPackages);
    // Before "/:id", which would take "filterByCurrentUser(...)" for an id.
    router
        .getWithRegex(Pattern.quote(PACKAGES + "/filterByCurrentUser") + "\\(on='([A-Za-z]+)'\\)")
        .handler(this::requestablePackages);
    router.post(PACKAGES).handler(this::createPackage);
    router.get(PACKAGES + "/:id").handler(this::getPackage);
    router.patch(PACKAGES + "/:id").handler(this::updatePackage);
    router.delete(PACKAGES + "/:id").handler(this::deletePackage);
    router.get(PACKAGES + "/:id/resourceRoleScopes").handler(this::listScopes);
    router.post(PACKAGES + "/:id/resourceRoleScopes").handler(this::addScope);
    router.delete(PACKAGES + "/:id/resourceRoleScopes/:scopeId").handler(this::removeScope);
    router
        .get(PACKAGES + "/:id/incompatibleAccessPackages")
        .handler(this::listIncompatiblePackages);
    router
        .post(PACKAGES + "/:id/incompatibleAccessPackages/$ref")
        .handler(this::addIncompatiblePackage);
    router
        .delete(PACKAGES + "/:id/incompatibleAccessPackages/:otherId/$ref")
        .handler(this::removeIncompatiblePackage);
    router.get(PACKAGES + "/:id/incompatibleGroups").handler(this::listIncompatibleGroups);
    router.post(PACKAGES + "/:id/incompatibleGroups/$ref").handler(this::addIncompatibleGroup);
    router
        .delete(PACKAGES + "/:id/incompatibleGroups/:groupId/$ref")
        .handler(this::removeIncompatibleGroup);
    router.get(PACKAGES + "/:id/assignmentPolicies").handler(this::policiesOfPackage);

    router.get(POLICIES).handler(this::listPolicies);
    router.post(POLICIES).handler(this::createPolicy);
    router.get(POLICIES + "/:id").handler(this::getPolicy);
    router.put(POLICIES + "/:id").handler(this::replacePolicy);
    router.delete(POLICIES + "/:id").handler(this::deletePolicy);
  }

  private static AccessPackageId packageId(RoutingContext ctx) {
    return new AccessPackageId(ctx.pathParam("id"));
  }

  /**
   * {@code filterByCurrentUser(on='allowedRequestor')}: the packages the caller may ask for, each
   * with the policies that let them, as Graph's My Access portal lists them.
   */
  private void requestablePackages(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          if (!"allowedRequestor".equals(ctx.pathParam("param0"))) {
            throw DomainException.invalid("on", "'on' must be 'allowedRequestor'");
          }
          respond(
              ctx,
              uc.requestable()
                  .requestable(request(ctx), ODataQuery.top(ctx, 100, 999))
                  .map(
                      found -> {
                        List<JsonObject> items = new ArrayList<>();
                        for (var r : found) {
                          JsonArray policies = new JsonArray();
                          r.policies().forEach(p -> policies.add(GraphJson.policy(p)));
                          items.add(
                              GraphJson.accessPackage(r.accessPackage())
                                  .put("assignmentPolicies", policies));
                        }
                        return values("$metadata#accessPackages", items);
                      }));
        });
  }

  private static JsonObject values(String context, List<JsonObject> items) {
    JsonArray value = new JsonArray();
    items.forEach(value::add);
    return new JsonObject().put("@odata.context", context).put("value", value);
  }

  // ---- resources ----

  private void resourceRequest(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body =
              Bodies.object(ctx, Set.of("requestType", "resource", "catalog", "justification"));
          RequestType type = RequestType.parse(Bodies.requiredString(body, "requestType"));
          JsonObject resource =
              Bodies.optionalObject(body, "resource")
                  .orElseThrow(() -> DomainException.invalid("resource", "'resource' is required"));
          String originSystem =
              Bodies.optionalString(resource, "originSystem").orElse(CatalogResource.ORIGIN_SYSTEM);
          if (!originSystem.equals(CatalogResource.ORIGIN_SYSTEM)) {
            throw DomainException.invalid(
                "resource.originSystem",
                "'resource.originSystem' must be AadGroup: Steward offers directory groups");
          }
          String originId = Bodies.requiredString(resource, "originId");
          ResourceRequest request =
              new ResourceRequest(
                  type,
                  new CatalogId(Bodies.referencedId(body, "catalog")),
                  new PrincipalId(Guid.require(originId, "resource.originId")));
          respond(
              ctx,
              201,
              uc.resources()
                  .request(request(ctx), request)
                  .map(
                      r ->
                          new JsonObject()
                              .put("id", r.id())
                              .put("requestType", r.type().apiName())
                              .put("state", "delivered")
                              .put("createdDateTime", r.createdDateTime().toString())
                              .put("resource", GraphJson.resource(r.resource()))
                              .put(
                                  "catalog",
                                  new JsonObject().put("id", r.resource().catalogId().value()))));
        });
  }

  private void resources(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.resources()
                    .resources(request(ctx), new CatalogId(ctx.pathParam("id")))
                    .map(
                        found ->
                            values(
                                "$metadata#accessPackageResources",
                                found.stream().map(GraphJson::resource).toList()))));
  }

  private void resourceRoles(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          Map<String, Set<String>> filter =
              ODataQuery.filter(
                  ODataQuery.single(ctx, "$filter"), Set.of("originSystem", "resource/id"));
          Set<String> expand = ODataQuery.expand(ctx, Set.of("resource"));
          if (filter.containsKey("originSystem")
              && !filter.get("originSystem").contains(CatalogResource.ORIGIN_SYSTEM)) {
            respond(
                ctx,
                io.vertx.core.Future.succeededFuture(
                    values("$metadata#accessPackageResourceRoles", List.of())));
            return;
          }
          Optional<ResourceId> resource =
              Optional.ofNullable(filter.get("resource/id"))
                  .map(
                      ids -> {
                        if (ids.size() != 1) {
                          throw DomainException.invalid(
                              "$filter", "filter on one resource/id at a time");
                        }
                        return new ResourceId(ids.iterator().next());
                      });
          respond(
              ctx,
              uc.resources()
                  .resourceRoles(request(ctx), new CatalogId(ctx.pathParam("id")), resource)
                  .map(
                      roles ->
                          values(
                              "$metadata#accessPackageResourceRoles",
                              roles.stream()
                                  .map(
                                      r ->
                                          GraphJson.resourceRole(
                                              r.resource(), r.role(), expand.contains("resource")))
                                  .toList())));
        });
  }

  // ---- access packages ----

  /** {@code $expand} of packages; {@code resourceRoleScopes($expand=role,scope)} is accepted. */
  private static Expand packageExpand(RoutingContext ctx) {
    String raw = ODataQuery.single(ctx, "$expand");
    if (raw == null || raw.isBlank()) {
      return Expand.NONE;
    }
    Set<String> names = new HashSet<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : (raw + ",").toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        names.add(current.toString().trim());
        current.setLength(0);
        continue;
      }
      if (depth == 0 && c != ')') {
        current.append(c);
      }
    }
    for (String name : names) {
      if (!name.equals("resourceRoleScopes") && !name.equals("assignmentPolicies")) {
        throw DomainException.invalid(
            "$expand",
            "'$expand' supports resourceRoleScopes and assignmentPolicies; not '" + name + "'");
      }
    }
    return new Expand(names.contains("resourceRoleScopes"), names.contains("assignmentPolicies"));
  }

  private void listPackages(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          String filter = ODataQuery.single(ctx, "$filter");
          Optional<String> contains = Optional.empty();
          Map<String, Set<String>> fields = Map.of();
          if (filter != null) {
            Matcher m = CONTAINS.matcher(filter);
            if (m.matches()) {
              contains = Optional.of(m.group(1).replace("''", "'"));
            } else {
              fields = ODataQuery.filter(filter, Set.of("displayName", "catalog/id"));
            }
          }
          Optional<String> equals =
              Optional.ofNullable(fields.get("displayName"))
                  .map(
                      v -> {
                        if (v.size() != 1) {
                          throw DomainException.invalid(
                              "$filter", "filter on one displayName at a time");
                        }
                        return v.iterator().next();
                      });
          Optional<Set<CatalogId>> catalogs =
              Optional.ofNullable(fields.get("catalog/id"))
                  .map(v -> v.stream().map(CatalogId::new).collect(Collectors.toSet()));
          AccessPackageQuery query =
              new AccessPackageQuery(
                  catalogs,
                  equals,
                  contains,
                  ODataQuery.skipToken(ctx),
                  ODataQuery.top(
                      ctx, RoleAssignmentQuery.DEFAULT_LIMIT, RoleAssignmentQuery.MAX_LIMIT));
          Expand expand = packageExpand(ctx);
          respond(
              ctx,
              uc.accessPackages()
                  .list(request(ctx), query, expand)
                  .map(
                      page ->
                          collection(
                              ctx, "$metadata#accessPackages", page, GraphJson::accessPackage)));
        });
  }

  private void createPackage(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body =
              Bodies.object(ctx, Set.of("displayName", "description", "isHidden", "catalog"));
          CreateAccessPackage command =
              new CreateAccessPackage(
                  new CatalogId(Bodies.referencedId(body, "catalog")),
                  Bodies.requiredString(body, "displayName"),
                  Bodies.optionalString(body, "description").orElse(""),
                  Bodies.optionalBoolean(body, "isHidden").orElse(false));
          respond(
              ctx,
              201,
              uc.accessPackages().create(request(ctx), command).map(GraphJson::accessPackage));
        });
  }

  private void getPackage(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.accessPackages()
                    .get(request(ctx), packageId(ctx), packageExpand(ctx))
                    .map(GraphJson::accessPackage)));
  }

  private void updatePackage(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body = Bodies.object(ctx, Set.of("displayName", "description", "isHidden"));
          UpdateAccessPackage command =
              new UpdateAccessPackage(
                  packageId(ctx),
                  Bodies.optionalNonNullString(body, "displayName"),
                  Bodies.optionalString(body, "description"),
                  Bodies.optionalBoolean(body, "isHidden"));
          respond(
              ctx, uc.accessPackages().update(request(ctx), command).map(GraphJson::accessPackage));
        });
  }

  private void deletePackage(RoutingContext ctx) {
    guarded(ctx, () -> noContent(ctx, uc.accessPackages().delete(request(ctx), packageId(ctx))));
  }

  private void listScopes(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.accessPackages()
                    .resourceRoles(request(ctx), packageId(ctx))
                    .map(
                        found ->
                            values(
                                "$metadata#accessPackageResourceRoleScopes",
                                found.stream().map(GraphJson::roleScope).toList()))));
  }

  private void addScope(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          JsonObject body = Bodies.object(ctx, Set.of("role", "scope"));
          JsonObject role =
              Bodies.optionalObject(body, "role")
                  .orElseThrow(() -> DomainException.invalid("role", "'role' is required"));
          JsonObject scope =
              Bodies.optionalObject(body, "scope")
                  .orElseThrow(() -> DomainException.invalid("scope", "'scope' is required"));
          for (JsonObject part : List.of(role, scope)) {
            Bodies.optionalString(part, "originSystem")
                .filter(o -> !o.equals(CatalogResource.ORIGIN_SYSTEM))
                .ifPresent(
                    o -> {
                      throw DomainException.invalid(
                          "originSystem", "'originSystem' must be AadGroup");
                    });
          }
          AddResourceRole command =
              new AddResourceRole(
                  packageId(ctx),
                  new ResourceId(Bodies.referencedId(role, "resource")),
                  Bodies.requiredString(role, "originId"),
                  new PrincipalId(
                      Guid.require(Bodies.requiredString(scope, "originId"), "scope.originId")));
          respond(
              ctx,
              201,
              uc.accessPackages().addResourceRole(request(ctx), command).map(GraphJson::roleScope));
        });
  }

  private void removeScope(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(
                ctx,
                uc.accessPackages()
                    .removeResourceRole(
                        request(ctx),
                        packageId(ctx),
                        new ResourceRoleScopeId(ctx.pathParam("scopeId")))));
  }

  /** The id at the end of an {@code @odata.id} reference. */
  private static String refId(RoutingContext ctx, String kind) {
    JsonObject body = Bodies.object(ctx, Set.of());
    String ref = Bodies.requiredString(body, "@odata.id");
    Matcher m = REF_ID.matcher(ref);
    if (!ref.contains("/" + kind + "/") || !m.find()) {
      throw DomainException.invalid("@odata.id", "'@odata.id' must end with /" + kind + "/{id}");
    }
    return Guid.require(m.group(1), "@odata.id");
  }

  private void listIncompatiblePackages(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.incompatibilities()
                    .incompatiblePackages(request(ctx), packageId(ctx))
                    .map(
                        found ->
                            values(
                                "$metadata#accessPackages",
                                found.stream().map(GraphJson::accessPackage).toList()))));
  }

  private void addIncompatiblePackage(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(
                ctx,
                uc.incompatibilities()
                    .addIncompatiblePackage(
                        request(ctx),
                        packageId(ctx),
                        new AccessPackageId(refId(ctx, "accessPackages")))));
  }

  private void removeIncompatiblePackage(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(
                ctx,
                uc.incompatibilities()
                    .removeIncompatiblePackage(
                        request(ctx),
                        packageId(ctx),
                        new AccessPackageId(ctx.pathParam("otherId")))));
  }

  private void listIncompatibleGroups(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.incompatibilities()
                    .incompatibleGroups(request(ctx), packageId(ctx))
                    .map(
                        found ->
                            values(
                                "$metadata#groups",
                                found.stream().map(GraphJson::principal).toList()))));
  }

  private void addIncompatibleGroup(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(
                ctx,
                uc.incompatibilities()
                    .addIncompatibleGroup(
                        request(ctx), packageId(ctx), new PrincipalId(refId(ctx, "groups")))));
  }

  private void removeIncompatibleGroup(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(
                ctx,
                uc.incompatibilities()
                    .removeIncompatibleGroup(
                        request(ctx), packageId(ctx), new PrincipalId(ctx.pathParam("groupId")))));
  }

  // ---- policies ----

  private static final Set<String> POLICY_FIELDS;

  static {
    Set<String> fields = new HashSet<>(PolicyDocument.SETTINGS_FIELDS);
    fields.addAll(
        Set.of(
            "displayName",
            "description",
            "accessPackage",
            "catalog",
            "id",
            "createdDateTime",
            "modifiedDateTime"));
    POLICY_FIELDS = Set.copyOf(fields);
  }

  private static PolicyDraft draft(RoutingContext ctx, boolean packageRequired) {
    JsonObject body = Bodies.object(ctx, POLICY_FIELDS);
    Map<String, Object> settings = Bodies.plain(body);
    settings.keySet().retainAll(PolicyDocument.SETTINGS_FIELDS);
    AccessPackageId pkg =
        packageRequired || body.containsKey("accessPackage")
            ? new AccessPackageId(Bodies.referencedId(body, "accessPackage"))
            : null;
    return new PolicyDraft(
        pkg,
        Bodies.requiredString(body, "displayName"),
        Bodies.optionalString(body, "description").orElse(""),
        PolicyDocument.read(settings));
  }

  private void policiesOfPackage(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.policies()
                    .list(
                        request(ctx),
                        Optional.of(packageId(ctx)),
                        ODataQuery.skipToken(ctx),
                        ODataQuery.top(ctx, 100, 999))
                    .map(
                        page ->
                            collection(
                                ctx, "$metadata#assignmentPolicies", page, GraphJson::policy))));
  }

  private void listPolicies(RoutingContext ctx) {
    guarded(
        ctx,
        () -> {
          Map<String, Set<String>> filter =
              ODataQuery.filter(ODataQuery.single(ctx, "$filter"), Set.of("accessPackage/id"));
          Optional<AccessPackageId> pkg =
              Optional.ofNullable(filter.get("accessPackage/id"))
                  .map(
                      ids -> {
                        if (ids.size() != 1) {
                          throw DomainException.invalid(
                              "$filter", "filter on one accessPackage/id at a time");
                        }
                        return new AccessPackageId(ids.iterator().next());
                      });
          respond(
              ctx,
              uc.policies()
                  .list(request(ctx), pkg, ODataQuery.skipToken(ctx), ODataQuery.top(ctx, 100, 999))
                  .map(
                      (Page<dev.steward.domain.AssignmentPolicy> page) ->
                          collection(
                              ctx, "$metadata#assignmentPolicies", page, GraphJson::policy)));
        });
  }

  private void createPolicy(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                201,
                uc.policies().create(request(ctx), draft(ctx, true)).map(GraphJson::policy)));
  }

  private void getPolicy(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.policies()
                    .get(request(ctx), new PolicyId(ctx.pathParam("id")))
                    .map(GraphJson::policy)));
  }

  private void replacePolicy(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            respond(
                ctx,
                uc.policies()
                    .replace(request(ctx), new PolicyId(ctx.pathParam("id")), draft(ctx, false))
                    .map(GraphJson::policy)));
  }

  private void deletePolicy(RoutingContext ctx) {
    guarded(
        ctx,
        () ->
            noContent(ctx, uc.policies().delete(request(ctx), new PolicyId(ctx.pathParam("id")))));
  }
}
