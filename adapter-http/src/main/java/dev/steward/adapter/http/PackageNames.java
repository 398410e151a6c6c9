package dev.steward.adapter.http;

import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.domain.AccessPackageId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code $expand} on requests and assignments: fills in what each item only names — its access
 * package (name, description), its requestor and target (as Graph's accessPackageSubject), its
 * policy (name, description) and a request's assignment. The items are ones the caller was already
 * allowed to see; a referenced object the caller may not read stays a bare reference.
 */
public final class PackageNames {
  private final FindRequestablePackagesUseCase packages;
  private final dev.steward.application.port.in.directory.BrowseDirectoryUseCase directory;
  private final dev.steward.application.port.in.policies.ManagePoliciesUseCase policies;
  private final dev.steward.application.port.in.assignments.ViewAssignmentsUseCase assignments;

  public PackageNames(
      FindRequestablePackagesUseCase packages,
      dev.steward.application.port.in.directory.BrowseDirectoryUseCase directory,
      dev.steward.application.port.in.policies.ManagePoliciesUseCase policies,
      dev.steward.application.port.in.assignments.ViewAssignmentsUseCase assignments) {
    this.packages = packages;
    this.directory = directory;
    this.policies = policies;
    this.assignments = assignments;
  }

  /** The collection, each item expanded as the route's declared {@code $expand} asks. */
  public Future<JsonObject> expanded(RoutingContext ctx, JsonObject json) {
    Set<String> asked = QueryOptions.asked(ctx).expand();
    JsonArray items = json.getJsonArray("value");
    List<JsonObject> all = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      all.add(items.getJsonObject(i));
    }
    Future<?> done = asked.contains("accessPackage") ? name(ctx, json) : Future.succeededFuture();
    return done.compose(x -> expand(ctx, all, asked)).map(json);
  }

  /** One item, expanded as the route's declared {@code $expand} asks. */
  public Future<JsonObject> expandedItem(RoutingContext ctx, JsonObject item) {
    return expanded(ctx, new JsonObject().put("value", new JsonArray().add(item)))
        .map(all -> all.getJsonArray("value").getJsonObject(0));
  }

  private Future<Void> expand(RoutingContext ctx, List<JsonObject> items, Set<String> asked) {
    List<Future<?>> work = new java.util.ArrayList<>();
    for (String subject : List.of("requestor", "target")) {
      if (asked.contains(subject)) {
        work.add(subjects(ctx, items.stream().map(i -> i.getJsonObject(subject)).toList()));
      }
    }
    if (asked.contains("assignmentPolicy")) {
      work.add(
          policies(ctx, items.stream().map(i -> i.getJsonObject("assignmentPolicy")).toList()));
    }
    if (asked.contains("assignment")) {
      work.add(assignmentsOf(ctx, items));
    }
    return Future.join(work).mapEmpty();
  }

  /** Each {@code {objectId}} filled in as an accessPackageSubject, one lookup per distinct user. */
  private Future<Void> subjects(RoutingContext ctx, List<JsonObject> refs) {
    return fill(
        refs,
        "objectId",
        id ->
            directory.get(
                Routes.request(ctx),
                dev.steward.domain.PrincipalType.USER,
                new dev.steward.domain.PrincipalId(id)),
        (ref, p) ->
            ref.put("displayName", p.displayName())
                .put("email", p.mail().isEmpty() ? null : p.mail())
                .put(
                    "principalName",
                    p.userPrincipalName().isEmpty() ? p.login() : p.userPrincipalName())
                .put("subjectType", "user"));
  }

  /** Each {@code {id}} of a policy filled in with its name and description, where readable. */
  private Future<Void> policies(RoutingContext ctx, List<JsonObject> refs) {
    return fill(
        refs,
        "id",
        id -> policies.get(Routes.request(ctx), new dev.steward.domain.PolicyId(id)),
        (ref, p) -> ref.put("displayName", p.displayName()).put("description", p.description()));
  }

  /**
   * Fills each reference with what {@code lookup} finds for its {@code key}: one lookup per
   * distinct value; a reference whose lookup fails (gone, or not the caller's to read) stays bare.
   */
  private static <V> Future<Void> fill(
      List<JsonObject> refs,
      String key,
      java.util.function.Function<String, Future<V>> lookup,
      java.util.function.BiConsumer<JsonObject, V> write) {
    java.util.Map<String, Future<java.util.Optional<V>>> byId = new java.util.HashMap<>();
    for (JsonObject ref : refs) {
      if (ref != null && ref.getString(key) != null) {
        byId.computeIfAbsent(
            ref.getString(key),
            id ->
                lookup.apply(id).map(java.util.Optional::of).otherwise(java.util.Optional.empty()));
      }
    }
    return Future.join(new java.util.ArrayList<>(byId.values()))
        .transform(
            done -> {
              for (JsonObject ref : refs) {
                if (ref != null && ref.getString(key) != null) {
                  byId.get(ref.getString(key)).result().ifPresent(v -> write.accept(ref, v));
                }
              }
              return Future.<Void>succeededFuture();
            });
  }

  /** A request's assignment, whole, where the caller may read it. */
  private Future<Void> assignmentsOf(RoutingContext ctx, List<JsonObject> items) {
    List<Future<?>> work = new java.util.ArrayList<>();
    for (JsonObject item : items) {
      JsonObject ref = item.getJsonObject("assignment");
      if (ref == null || ref.getString("id") == null) {
        continue;
      }
      work.add(
          assignments
              .get(Routes.request(ctx), new dev.steward.domain.AssignmentId(ref.getString("id")))
              .onSuccess(a -> item.put("assignment", GraphJson.assignment(a)))
              .otherwise((dev.steward.domain.Assignment) null));
    }
    return Future.join(work).mapEmpty();
  }

  private Future<JsonObject> name(RoutingContext ctx, JsonObject json) {
    JsonArray items = json.getJsonArray("value");
    Set<AccessPackageId> ids = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      ids.add(
          new AccessPackageId(
              items.getJsonObject(i).getJsonObject("accessPackage").getString("id")));
    }
    return packages
        .packagesByIds(Routes.request(ctx), ids)
        .map(
            found -> {
              for (int i = 0; i < items.size(); i++) {
                JsonObject ref = items.getJsonObject(i).getJsonObject("accessPackage");
                var pkg = found.get(new AccessPackageId(ref.getString("id")));
                if (pkg != null) {
                  ref.put("displayName", pkg.displayName()).put("description", pkg.description());
                }
              }
              return json;
            });
  }
}
