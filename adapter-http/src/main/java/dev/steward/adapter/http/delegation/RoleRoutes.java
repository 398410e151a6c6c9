package dev.steward.adapter.http.delegation;

import static dev.steward.adapter.http.Routes.ROLES;
import static dev.steward.adapter.http.Routes.guarded;
import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.replyEmpty;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.withId;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.RenderedAnswers;
import dev.steward.adapter.http.RenderedItems;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase.EffectivePermissions;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.RoleAssignmentView;
import dev.steward.application.port.in.delegation.RoleAssignmentQuery;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleAssignment;
import dev.steward.domain.RoleAssignmentId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Delegation: roleDefinitions, roleAssignments and myPermissions under roleManagement. */
public record RoleRoutes(
    ListRoleDefinitionsUseCase roleDefinitions,
    ManageRoleAssignmentsUseCase roleAssignments,
    EffectivePermissionsUseCase permissions) {
  private static final String ASSIGNMENTS = ROLES + "/roleAssignments";
  private static final Set<String> FILTER_FIELDS =
      Set.of("principalId", "roleDefinitionId", "appScopeId");
  private static final Set<String> EXPAND = Set.of("principal", "roleDefinition");

  /**
   * "What may I do here", written once per distinct set of roles and decisions: the answer is a
   * pure function of that value, so instances in one JVM may share it.
   */
  private static final RenderedAnswers<EffectivePermissions> PERMISSION_ANSWERS =
      new RenderedAnswers<>(1_000, RoleJson::permissions);

  /** The properties RoleJson.roleAssignment writes, besides id and what $expand adds. */
  private static final String[] SELECT = {
    "principalId", "roleDefinitionId", "appScopeId", "directoryScopeId"
  };

  private static final QueryOptions LIST =
      QueryOptions.pages()
          .filter("principalId", "eq", "in")
          .filter("roleDefinitionId", "eq", "in")
          .filter("appScopeId", "eq", "in")
          .expand("principal", "roleDefinition")
          .select(RoleRoutes.SELECT)
          .withCount();

  public void mount(Router router) {
    Routes.get(router, ROLES + "/roleDefinitions", QueryOptions.none())
        .handler(this::listRoleDefinitions);
    Routes.get(router, ROLES + "/roleDefinitions/:id", QueryOptions.none())
        .handler(this::getRoleDefinition);
    Routes.get(router, ASSIGNMENTS, LIST)
        .handler(ctx -> guarded(ctx, () -> listRoleAssignments(ctx)));
    router.post(ASSIGNMENTS).handler(reply(201, this::assign, RoleRoutes::created));
    Routes.get(
            router,
            ASSIGNMENTS + "/:id",
            QueryOptions.none().expand("principal", "roleDefinition").select(SELECT))
        .handler(reply(this::getRoleAssignment));
    router
        .delete(ASSIGNMENTS + "/:id")
        .handler(replyEmpty(withId(RoleAssignmentId::new, roleAssignments::remove)));
    Routes.get(router, ROLES + "/myPermissions", QueryOptions.none().also("appScopeId"))
        .handler(Routes.replyRendered(this::myPermissions, PERMISSION_ANSWERS));
  }

  private static RoleAssignmentId assignmentId(RoutingContext ctx) {
    return new RoleAssignmentId(ctx.pathParam("id"));
  }

  private void listRoleDefinitions(RoutingContext ctx) {
    ctx.json(
        Routes.values(
            "$metadata#roleManagement/entitlementManagement/roleDefinitions",
            roleDefinitions.list(),
            RoleJson::roleDefinition));
  }

  private void getRoleDefinition(RoutingContext ctx) {
    guarded(ctx, () -> ctx.json(RoleJson.roleDefinition(roleDefinitions.get(ctx.pathParam("id")))));
  }

  /**
   * Role assignments already written, remembered by their value (the assignment and the principal
   * as the directory gave it), one memo per {@code $expand} (at most four: a subset of EXPAND): a
   * catalog's assignments are listed far more often than they change.
   */
  private static final Map<Set<String>, RenderedItems<RoleAssignmentView, RoleAssignmentView>>
      WRITTEN = new ConcurrentHashMap<>();

  private static RenderedItems<RoleAssignmentView, RoleAssignmentView> written(Set<String> expand) {
    return WRITTEN.computeIfAbsent(
        Set.copyOf(expand),
        // Up to four memos (one per $expand) share one collection's bound on whole pages.
        e ->
            RenderedItems.byValue(
                4_000,
                RenderedItems.MAX_PAGE_BYTES / (1L << EXPAND.size()),
                v -> RoleJson.roleAssignment(v, e)));
  }

  /**
   * A page of role assignments; a page asked again with the same assignments, principals, links and
   * count is the same answer, and its bytes are written once ({@link Routes#respondPage}).
   */
  private void listRoleAssignments(RoutingContext ctx) {
    Map<String, Set<String>> filter =
        ODataQuery.filter(ODataQuery.single(ctx, "$filter"), FILTER_FIELDS);
    Set<String> expand = ODataQuery.expand(ctx, EXPAND);
    RoleAssignmentQuery query =
        new RoleAssignmentQuery(
            Optional.ofNullable(filter.get("principalId"))
                .map(v -> v.stream().map(PrincipalId::new).collect(Collectors.toSet())),
            Optional.ofNullable(filter.get("roleDefinitionId")).map(RoleRoutes::roles),
            Optional.ofNullable(filter.get("appScopeId"))
                .map(v -> v.stream().map(Scope::parse).collect(Collectors.toSet())),
            ODataQuery.skipToken(ctx),
            ODataQuery.top(ctx, RoleAssignmentQuery.DEFAULT_LIMIT, RoleAssignmentQuery.MAX_LIMIT));
    Routes.respondPage(
        ctx,
        "$metadata#roleManagement/entitlementManagement/roleAssignments",
        roleAssignments.list(request(ctx), query, expand.contains("principal")),
        written(expand),
        () -> roleAssignments.count(request(ctx), query));
  }

  /** Role ids from a filter; an id that names no assignable role matches nothing. */
  private static Set<RoleDefinition> roles(Set<String> ids) {
    Set<RoleDefinition> roles = new HashSet<>();
    for (String id : ids) {
      Guid.require(id, "roleDefinitionId");
      RoleDefinition.byId(id).filter(RoleDefinition::isAssignable).ifPresent(roles::add);
    }
    return roles;
  }

  private Future<RoleAssignment> assign(RoutingContext ctx) {
    JsonObject body =
        Bodies.object(
            ctx, Set.of("principalId", "roleDefinitionId", "appScopeId", "directoryScopeId"));
    PrincipalId principal = new PrincipalId(Bodies.requiredString(body, "principalId"));
    String roleId = Bodies.requiredString(body, "roleDefinitionId");
    Guid.require(roleId, "roleDefinitionId");
    RoleDefinition role =
        RoleDefinition.byId(roleId)
            .filter(RoleDefinition::isAssignable)
            .orElseThrow(
                () ->
                    DomainException.notFound(
                        DomainException.Reason.ROLE_NOT_FOUND, "Role definition", roleId));
    Scope scope = Scope.parse(Bodies.requiredString(body, "appScopeId"));
    Bodies.optionalString(body, "directoryScopeId")
        .filter(d -> !d.equals("/"))
        .ifPresent(
            d -> {
              throw DomainException.invalid("directoryScopeId", "'directoryScopeId' must be '/'");
            });
    return roleAssignments
        .assign(request(ctx), new AssignRole(principal, role, scope))
        .map(Routes.located(ctx, a -> a.id().value()));
  }

  private static JsonObject created(RoleAssignment a) {
    return RoleJson.roleAssignment(new RoleAssignmentView(a, Optional.empty()), Set.of());
  }

  private Future<JsonObject> getRoleAssignment(RoutingContext ctx) {
    Set<String> expand = ODataQuery.expand(ctx, EXPAND);
    RoleAssignmentId id = assignmentId(ctx);
    return roleAssignments
        .get(request(ctx), id, expand.contains("principal"))
        .map(v -> RoleJson.roleAssignment(v, expand));
  }

  private Future<EffectivePermissions> myPermissions(RoutingContext ctx) {
    String raw = ODataQuery.single(ctx, "appScopeId");
    Scope scope = raw == null ? Scope.TENANT : Scope.parse(raw);
    return permissions.inScope(request(ctx), scope);
  }
}
