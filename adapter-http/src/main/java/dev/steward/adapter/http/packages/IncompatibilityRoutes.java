package dev.steward.adapter.http.packages;

import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.packages.PackageRoutes.PACKAGES;
import static dev.steward.adapter.http.packages.PackageRoutes.packageId;

import dev.steward.adapter.http.Bodies;
import dev.steward.adapter.http.GraphJson;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Separation of duties: accessPackages/{id}/incompatibleAccessPackages and incompatibleGroups. */
record IncompatibilityRoutes(ManageIncompatibilitiesUseCase incompatibilities) {
  private static final Pattern REF_ID = Pattern.compile("/([0-9a-fA-F-]{36})/?$");

  /** Adds or removes one incompatible package or group of a package. */
  @FunctionalInterface
  private interface Change<I> {
    Future<Void> apply(RequestContext request, AccessPackageId pkg, I other);
  }

  /**
   * One kind of incompatibility, at {@code accessPackages/{id}/<path>}: listed as {@code refKind},
   * added by a {@code $ref} to {@code /<refKind>/{id}}, removed at {@code /{<param>}/$ref}.
   */
  private record Kind<I, T>(
      String path,
      String refKind,
      String param,
      Function<String, I> id,
      BiFunction<RequestContext, AccessPackageId, Future<List<T>>> list,
      Function<? super T, JsonObject> json,
      Change<I> add,
      Change<I> remove) {}

  void mount(Router router) {
    var uc = incompatibilities;
    mount(
        router,
        new Kind<>(
            "incompatibleAccessPackages",
            "accessPackages",
            "otherId",
            AccessPackageId::new,
            uc::incompatiblePackages,
            PackageJson::accessPackage,
            uc::addIncompatiblePackage,
            uc::removeIncompatiblePackage));
    mount(
        router,
        new Kind<>(
            "incompatibleGroups",
            "groups",
            "groupId",
            PrincipalId::new,
            uc::incompatibleGroups,
            GraphJson::principal,
            uc::addIncompatibleGroup,
            uc::removeIncompatibleGroup));
  }

  private static <I, T> void mount(Router router, Kind<I, T> kind) {
    String base = PACKAGES + "/:id/" + kind.path();
    Routes.get(router, base, QueryOptions.none().withCount())
        .handler(
            Routes.listingAll(
                "$metadata#" + kind.refKind(),
                ctx -> kind.list().apply(request(ctx), packageId(ctx)),
                kind.json()));
    router
        .post(base + "/$ref")
        .handler(
            Routes.replyEmpty(
                ctx ->
                    kind.add()
                        .apply(
                            request(ctx),
                            packageId(ctx),
                            kind.id().apply(refId(ctx, kind.refKind())))));
    router
        .delete(base + "/:" + kind.param() + "/$ref")
        .handler(
            Routes.replyEmpty(
                ctx ->
                    kind.remove()
                        .apply(
                            request(ctx),
                            packageId(ctx),
                            kind.id().apply(ctx.pathParam(kind.param())))));
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
}
