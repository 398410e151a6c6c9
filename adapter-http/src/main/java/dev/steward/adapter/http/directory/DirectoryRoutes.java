package dev.steward.adapter.http.directory;

import static dev.steward.adapter.http.Routes.reply;
import static dev.steward.adapter.http.Routes.request;
import static dev.steward.adapter.http.Routes.respond;

import dev.steward.adapter.http.GraphJson;
import dev.steward.adapter.http.ODataFilter;
import dev.steward.adapter.http.ODataQuery;
import dev.steward.adapter.http.QueryOptions;
import dev.steward.adapter.http.Routes;
import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The directory: /v1.0/me, /v1.0/users and /v1.0/groups. The collections filter by display name
 * ({@code eq}, {@code startswith}), mail ({@code eq}) and id ({@code eq}, {@code in}) joined by
 * {@code and}, search with {@code $search} (joined to the filter by and), page in display-name
 * order with a {@code $skiptoken} cursor, count and select (decision 0023).
 */
public record DirectoryRoutes(BrowseDirectoryUseCase directory) {
  static final String[] USER_PROPERTIES = {"id", "displayName", "mail", "userPrincipalName"};
  static final String[] GROUP_PROPERTIES = {
    "id", "displayName", "mail", "mailNickname", "securityEnabled", "description"
  };
  static final int DEFAULT_TOP = 100;
  static final int MAX_TOP = 200;

  public void mount(Router router) {
    Routes.get(router, "/v1.0/me", QueryOptions.none().select(USER_PROPERTIES))
        .handler(ctx -> respond(ctx, directory.me(request(ctx)).map(GraphJson::principal)));
    mount(router, "/v1.0/users", PrincipalType.USER, USER_PROPERTIES);
    mount(router, "/v1.0/groups", PrincipalType.GROUP, GROUP_PROPERTIES);
  }

  private void mount(Router router, String path, PrincipalType type, String[] properties) {
    QueryOptions listing =
        QueryOptions.pages()
            .withCount()
            .filter("displayName", "eq", "startswith")
            .filter("mail", "eq")
            .filter("id", "eq", "in")
            .select(properties)
            .also("$search");
    Routes.get(router, path, listing).handler(reply(ctx -> list(ctx, type)));
    Routes.get(router, path + "/:id", QueryOptions.none().select(properties))
        .handler(
            reply(
                ctx -> directory.get(request(ctx), type, new PrincipalId(ctx.pathParam("id"))),
                GraphJson::principal));
  }

  private Future<JsonObject> list(RoutingContext ctx, PrincipalType type) {
    DirectoryQuery query =
        query(type, QueryOptions.asked(ctx).filter(), ODataQuery.top(ctx, DEFAULT_TOP, MAX_TOP))
            .withSearch(searchText(ctx));
    String token = ODataQuery.single(ctx, "$skiptoken");
    if (token != null) {
      query = query.after(cursor(token));
    }
    String context = type == PrincipalType.USER ? "$metadata#users" : "$metadata#groups";
    boolean count = QueryOptions.asked(ctx).count();
    return directory
        .list(request(ctx), query)
        .map(
            page -> {
              JsonObject json =
                  Routes.collection(
                      ctx,
                      context,
                      new Page<>(page.items(), page.next().map(DirectoryQuery.Cursor::encode)),
                      GraphJson::principal);
              if (count) {
                // The count of every match, not of this page: QueryOptions keeps it.
                json.put("@odata.count", page.count());
              }
              return json;
            });
  }

  /** The {@code $search} text: quotes and a leading {@code property:} are Graph's spelling. */
  private static String searchText(RoutingContext ctx) {
    String search = ODataQuery.single(ctx, "$search");
    String text = search == null ? "" : search.strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    int colon = text.indexOf(':');
    if (colon > 0 && text.substring(0, colon).matches("[A-Za-z]+")) {
      text = text.substring(colon + 1);
    }
    return text;
  }

  /**
   * The query a filter asks for: its conditions joined by {@code and}, each property at most once
   * with each operator; {@code or} is refused by name, as the directory query is a conjunction.
   */
  static DirectoryQuery query(PrincipalType type, Optional<ODataFilter> filter, int top) {
    DirectoryQuery query = DirectoryQuery.all(type, top);
    Set<String> seen = new LinkedHashSet<>();
    for (ODataFilter part : ODataQuery.conjuncts(filter)) {
      if (part instanceof ODataFilter.Compare c && c.property().equals("displayName")) {
        once(seen, "displayName eq");
        query = query.withDisplayName(text(c.value(), "displayName"));
      } else if (part instanceof ODataFilter.Call c && c.property().equals("displayName")) {
        once(seen, "startswith(displayName)");
        query = query.withDisplayNameStartingWith(text(c.value(), "displayName"));
      } else if (part instanceof ODataFilter.Compare c && c.property().equals("mail")) {
        once(seen, "mail eq");
        query = query.withMail(text(c.value(), "mail"));
      } else if (part instanceof ODataFilter.Compare c && c.property().equals("id")) {
        once(seen, "id");
        query = query.withIds(Set.of(id(c.value())));
      } else if (part instanceof ODataFilter.In in && in.property().equals("id")) {
        once(seen, "id");
        if (in.values().size() > DirectoryQuery.MAX_IDS) {
          throw DomainException.invalid(
              "$filter",
              "'$filter' names at most "
                  + DirectoryQuery.MAX_IDS
                  + " ids with 'in'; it names "
                  + in.values().size());
        }
        Set<PrincipalId> ids = new LinkedHashSet<>();
        in.values().forEach(v -> ids.add(id(v)));
        query = query.withIds(ids);
      } else {
        throw DomainException.invalid(
            "$filter",
            "'$filter' on users and groups joins its conditions with 'and'; 'or' and 'not' are"
                + " not supported");
      }
    }
    return query;
  }

  private static void once(Set<String> seen, String condition) {
    if (!seen.add(condition)) {
      throw DomainException.invalid(
          "$filter", "'$filter' takes one '" + condition + "' condition on users and groups");
    }
  }

  private static String text(ODataFilter.Literal value, String property) {
    if (value.kind() != ODataFilter.Kind.STRING) {
      throw DomainException.invalid("$filter", "'" + property + "' compares with quoted text");
    }
    return value.text();
  }

  private static PrincipalId id(ODataFilter.Literal value) {
    if ((value.kind() != ODataFilter.Kind.STRING && value.kind() != ODataFilter.Kind.GUID)
        || !Guid.isValid(value.text())) {
      throw DomainException.invalid(
          "$filter", "'id' compares with GUIDs; '" + value.text() + "' is not one");
    }
    return new PrincipalId(value.text());
  }

  /** The cursor a {@code $skiptoken} that Steward handed out carries. */
  private static DirectoryQuery.Cursor cursor(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      Optional<DirectoryQuery.Cursor> cursor = DirectoryQuery.Cursor.decode(text);
      if (cursor.isPresent()) {
        return cursor.get();
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw DomainException.invalid("$skiptoken", "'$skiptoken' is not one Steward handed out");
  }
}
