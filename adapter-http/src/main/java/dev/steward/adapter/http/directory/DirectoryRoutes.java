package dev.steward.adapter.http.directory;

import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.respond;

import dev.steward.adapter.http.GraphJson;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The directory: /v1.0/me, /v1.0/users and /v1.0/groups. */
public record DirectoryRoutes(BrowseDirectoryUseCase directory) {
  public void mount(Router router) {
    Routes.get(router, "/v1.0/me", QueryOptions.none())
        .handler(ctx -> respond(ctx, directory.me(request(ctx)).map(GraphJson::principal)));
    mount(router, "/v1.0/users", PrincipalType.USER);
    mount(router, "/v1.0/groups", PrincipalType.GROUP);
  }

  private void mount(Router router, String path, PrincipalType type) {
    Routes.get(router, path, QueryOptions.none().also("$search", "$top"))
        .handler(reply(ctx -> search(ctx, type)));
    Routes.get(router, path + "/:id", QueryOptions.none())
        .handler(
            reply(
                ctx -> directory.get(request(ctx), type, new PrincipalId(ctx.pathParam("id"))),
                GraphJson::principal));
  }

  private Future<JsonObject> search(RoutingContext ctx, PrincipalType type) {
    String search = ODataQuery.single(ctx, "$search");
    String text = search == null ? "" : search.strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    int colon = text.indexOf(':');
    if (colon > 0 && text.substring(0, colon).matches("[A-Za-z]+")) {
      text = text.substring(colon + 1);
    }
    int top = ODataQuery.top(ctx, 100, 200);
    String context = type == PrincipalType.USER ? "$metadata#users" : "$metadata#groups";
    return directory
        .search(request(ctx), type, text, top)
        .map(found -> Routes.values(context, found, GraphJson::principal));
  }
}
