package dev.steward.adapter.http;

import dev.steward.application.port.in.directory.AuthenticateUseCase;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web portal: static pages under {@code /portal/} that call the same Graph API as any client,
 * and the sign-in session they call it with. Signing in checks the directory password once and sets
 * an HttpOnly, SameSite=Strict cookie; the page keeps the session's CSRF token in memory and sends
 * it with every change (see {@link Authentication#handle}).
 */
final class Portal {
  static final String COOKIE = "steward_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  /** Sent by the portal's scripts with every call, so a 401 carries no Basic challenge. */
  static final String PORTAL_HEADER = "X-Steward-Portal";

  private static final String SESSION = "/portal/session";
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final AuthenticateUseCase authenticate;
  private final SignInGuard guard;
  private final PortalSessions sessions;
  private final boolean https;

  Portal(
      AuthenticateUseCase authenticate, PortalSessions sessions, boolean https, SignInGuard guard) {
    this.guard = guard;
    this.authenticate = authenticate;
    this.sessions = sessions;
    this.https = https;
  }

  static String sessionCookie(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(COOKIE);
    return c == null ? null : c.getValue();
  }

  void mount(Router router) {
    router.get("/").handler(ctx -> redirect(ctx, "/portal/"));
    router.post(SESSION).handler(this::signIn);
    router.get(SESSION).handler(this::current);
    router.delete(SESSION).handler(this::signOut);
    router.route("/portal/*").handler(Portal::securityHeaders);
    router
        .route("/portal/*")
        .handler(
            StaticHandler.create("steward-portal")
                .setIndexPage("index.html")
                .setCachingEnabled(false)
                .setIncludeHidden(false)
                .setDirectoryListing(false));
  }

  private static void redirect(RoutingContext ctx, String to) {
    ctx.response().setStatusCode(302).putHeader("Location", to).end();
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache");
    ctx.next();
  }

  /**
   * Signs in with a directory login and password, sent as JSON: a plain form cannot send JSON to
   * another site, so a page elsewhere cannot sign a visitor in to an account of its choosing.
   */
  private void signIn(RoutingContext ctx) {
    if (Authentication.crossSite(ctx)) {
      GraphErrors.send(ctx, 403, "CrossSiteRequestRefused", "Sign in from Steward's own page");
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      GraphErrors.send(ctx, 415, "UnsupportedMediaType", "Send the sign-in as application/json");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    String login = body == null ? null : stringOrNull(body, "username");
    String password = body == null ? null : stringOrNull(body, "password");
    if (login == null || login.isBlank() || password == null || password.isEmpty()) {
      GraphErrors.send(ctx, 400, "InvalidRequest", "Give a user name and a password");
      return;
    }
    ctx.put(Authentication.ATTEMPTED_LOGIN, login);
    guard
        .check(
            "portal",
            login,
            Authentication.clientAddress(ctx),
            () -> authenticate.withPassword(login, password))
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                GraphErrors.send(
                    ctx, 401, "InvalidCredentials", "The user name or password is wrong");
                return;
              }
              // A new id every time: whatever cookie came in is dropped with its session.
              sessions
                  .open(found.get().userId(), found.get().login(), sessionCookie(ctx))
                  .onSuccess(
                      s -> {
                        ctx.response()
                            .addCookie(
                                Cookie.cookie(COOKIE, s.id())
                                    .setPath("/")
                                    .setHttpOnly(true)
                                    .setSecure(https)
                                    .setSameSite(CookieSameSite.STRICT));
                        ctx.response().putHeader("Cache-Control", "no-store");
                        ctx.json(describe(s));
                      })
                  .onFailure(ctx::fail);
            })
        .onFailure(ctx::fail);
  }

  private void current(RoutingContext ctx) {
    sessions
        .find(sessionCookie(ctx))
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                GraphErrors.send(ctx, 401, "NotSignedIn", "Sign in to use the portal");
                return;
              }
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(describe(found.get()));
            })
        .onFailure(ctx::fail);
  }

  private void signOut(RoutingContext ctx) {
    sessions
        .find(sessionCookie(ctx))
        .compose(
            found -> {
              if (found.isPresent()
                  && !found.get().csrfMatches(ctx.request().getHeader(CSRF_HEADER))) {
                GraphErrors.send(
                    ctx,
                    403,
                    "CsrfTokenInvalid",
                    "Signing out must carry the " + CSRF_HEADER + " header");
                return Future.succeededFuture(false);
              }
              return found.isPresent()
                  ? sessions.close(found.get().id()).map(true)
                  : Future.succeededFuture(true);
            })
        .onSuccess(
            signedOut -> {
              if (!signedOut) {
                return;
              }
              ctx.response()
                  .addCookie(
                      Cookie.cookie(COOKIE, "")
                          .setPath("/")
                          .setHttpOnly(true)
                          .setSecure(https)
                          .setSameSite(CookieSameSite.STRICT)
                          .setMaxAge(0));
              ctx.response().setStatusCode(204).end();
            })
        .onFailure(ctx::fail);
  }

  private JsonObject describe(PortalSessions.Session s) {
    return new JsonObject()
        .put("csrfToken", s.csrfToken())
        .put("idleTimeoutSeconds", sessions.idleSeconds())
        .put("user", new JsonObject().put("id", s.userId().value()).put("login", s.login()));
  }

  private static String stringOrNull(JsonObject body, String field) {
    Object v = body.getValue(field);
    return v instanceof String s ? s : null;
  }
}
