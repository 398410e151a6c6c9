package dev.steward.adapter.http;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.directory.AuthenticateUseCase;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is calling: HTTP Basic checked by an LDAP bind (remembered briefly under a hash of the
 * credentials, so a busy client does not bind on every request), or a bearer JWT that Steward
 * signed itself at its token endpoint.
 */
final class Authentication {
  static final String ACTOR = "steward.actor";

  /** The login a password sign-in named, for the access log when it fails. */
  static final String ATTEMPTED_LOGIN = "steward.attemptedLogin";

  static final String AUDIENCE = "https://graph.microsoft.com";
  private static final int MAX_CACHED = 10_000;

  private final AuthenticateUseCase authenticate;
  private final HttpSettings settings;
  private final JWTAuth jwt;

  /** Verifies tokens signed before the last key rotation; signs nothing. Null without one. */
  private final JWTAuth previousJwt;

  private final Map<String, CachedLogin> basicCache = new ConcurrentHashMap<>();

  /**
   * Bearer tokens already verified, under a hash of the token, until the token ends or for as long
   * as a Basic login is remembered, whichever is sooner: verifying the JWT (three JSON parses and
   * the HMAC) was an eighth of a bearer read's CPU in a JFR profile. A token's validity cannot
   * change before it ends, and whether its user is still in the directory is asked again as often
   * as for Basic.
   */
  private final Map<String, CachedLogin> bearerCache = new ConcurrentHashMap<>();

  private final PortalSessions sessions;
  private final SignInGuard guard;

  private record CachedLogin(Actor actor, long expiresAtNanos) {}

  Authentication(
      Vertx vertx,
      AuthenticateUseCase authenticate,
      HttpSettings settings,
      PortalSessions sessions,
      SignInGuard guard) {
    this.guard = guard;
    this.sessions = sessions;
    this.authenticate = authenticate;
    this.settings = settings;
    this.jwt = jwt(vertx, settings.jwtSecret(), settings);
    this.previousJwt =
        settings.previousJwtSecret().isEmpty()
            ? null
            : jwt(vertx, settings.previousJwtSecret(), settings);
  }

  /**
   * The route handler that admits authenticated callers only: an Authorization header, or else the
   * portal's session cookie — and then every change must carry the session's CSRF token.
   */
  void handle(RoutingContext ctx) {
    boolean changes = changes(ctx.request().method());
    if (changes && crossSite(ctx)) {
      ctx.fail(
          new GraphErrors.Refused(
              403, "CrossSiteRequestRefused", "Changes are not accepted from another site"));
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    Future<Optional<Actor>> actor;
    if (header == null) {
      actor =
          sessions
              .find(Portal.sessionCookie(ctx))
              .compose(
                  session -> {
                    if (session.isEmpty()) {
                      return Future.failedFuture(
                          new GraphErrors.AuthenticationRequired("Authentication is required"));
                    }
                    PortalSessions.Session s = session.get();
                    if (changes && !s.csrfMatches(ctx.request().getHeader(Portal.CSRF_HEADER))) {
                      return Future.failedFuture(
                          new GraphErrors.Refused(
                              403,
                              "CsrfTokenInvalid",
                              "A change from a signed-in browser must carry the session's "
                                  + Portal.CSRF_HEADER
                                  + " header"));
                    }
                    return authenticate
                        .bySubject(s.userId())
                        .compose(
                            found ->
                                found.isEmpty()
                                    // the user left the directory: sign them out
                                    ? sessions.close(s.id()).map(found)
                                    : Future.succeededFuture(found));
                  });
    } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      actor = basic(ctx, header.substring(6).trim());
    } else if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      actor = bearer(header.substring(7).trim());
    } else {
      ctx.fail(new GraphErrors.AuthenticationRequired("Use Basic or Bearer authentication"));
      return;
    }
    actor.onComplete(
        result -> {
          if (result.failed()) {
            ctx.fail(result.cause());
          } else if (result.result().isEmpty()) {
            ctx.fail(new GraphErrors.AuthenticationRequired("The credentials were not accepted"));
          } else {
            ctx.put(ACTOR, result.result().get());
            RequestLogContext.signedIn(result.result().get().login());
            ctx.next();
          }
        });
  }

  static boolean changes(io.vertx.core.http.HttpMethod method) {
    return !(method.equals(io.vertx.core.http.HttpMethod.GET)
        || method.equals(io.vertx.core.http.HttpMethod.HEAD)
        || method.equals(io.vertx.core.http.HttpMethod.OPTIONS));
  }

  /**
   * Whether a browser says the request comes from another site's page: its Fetch Metadata, or an
   * Origin that is not this server. Clients other than browsers send neither and are not affected.
   */
  static boolean crossSite(RoutingContext ctx) {
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if (site != null) {
      return !(site.equals("same-origin") || site.equals("none"));
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      return false;
    }
    String host = ctx.request().getHeader("Host");
    return host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  private Future<Optional<Actor>> basic(RoutingContext ctx, String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Optional.empty());
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Future.succeededFuture(Optional.empty());
    }
    String login = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    String key = digest(login, password);
    CachedLogin cached = basicCache.get(key);
    if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
      return Future.succeededFuture(Optional.of(cached.actor()));
    }
    ctx.put(ATTEMPTED_LOGIN, login);
    return guard
        .check("basic", login, clientAddress(ctx), () -> authenticate.withPassword(login, password))
        .onSuccess(
            found ->
                found.ifPresent(
                    a -> {
                      if (basicCache.size() > MAX_CACHED) {
                        basicCache.clear();
                      }
                      basicCache.put(
                          key,
                          new CachedLogin(
                              a, System.nanoTime() + settings.basicCacheTtl().toNanos()));
                    }));
  }

  /** Each event loop's own SHA-256: looking the algorithm up for every request cost as much. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /**
   * The cache key: never the password itself, only a hash that includes it (its 32 bytes as the
   * characters of a string, which no one reads: a key, not a text).
   */
  private static String digest(String login, String password) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    sha.update(login.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(password.getBytes(StandardCharsets.UTF_8));
    return new String(sha.digest(), StandardCharsets.ISO_8859_1);
  }

  private static JWTAuth jwt(Vertx vertx, String key, HttpSettings settings) {
    return JWTAuth.create(
        vertx,
        new JWTAuthOptions()
            .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key))
            .setJWTOptions(
                new JWTOptions()
                    .setIssuer(settings.jwtIssuer())
                    .setAudience(List.of(AUDIENCE))
                    .setLeeway(5)));
  }

  /** Verified with the current key, or else with the previous one while it is still given. */
  private Future<io.vertx.ext.auth.User> verify(String token) {
    Future<io.vertx.ext.auth.User> current = jwt.authenticate(new TokenCredentials(token));
    return previousJwt == null
        ? current
        : current.recover(e -> previousJwt.authenticate(new TokenCredentials(token)));
  }

  private Future<Optional<Actor>> bearer(String token) {
    String key = digest("bearer", token);
    CachedLogin cached = bearerCache.get(key);
    if (cached != null && cached.expiresAtNanos() - System.nanoTime() > 0) {
      return Future.succeededFuture(Optional.of(cached.actor()));
    }
    if (!headerAcceptable(token)) {
      return Future.succeededFuture(Optional.empty());
    }
    Future<io.vertx.ext.auth.User> verified;
    try {
      verified = verify(token);
    } catch (RuntimeException malformed) {
      return Future.succeededFuture(Optional.empty());
    }
    return verified
        .map(
            user -> {
              long exp = acceptableExpiry(token);
              return exp == NOT_ACCEPTABLE
                  ? null
                  : new JsonObject().put("sub", user.principal().getString("sub")).put("exp", exp);
            })
        .otherwise((JsonObject) null)
        .compose(
            claims -> {
              String sub = claims == null ? null : claims.getString("sub");
              if (!Guid.isValid(sub)) {
                return Future.succeededFuture(Optional.<Actor>empty());
              }
              long endsInNanos =
                  java.util.concurrent.TimeUnit.SECONDS.toNanos(
                      claims.getLong("exp") - java.time.Instant.now().getEpochSecond());
              return authenticate
                  .bySubject(new PrincipalId(sub))
                  .onSuccess(
                      found ->
                          found.ifPresent(
                              a -> {
                                long keep =
                                    Math.min(settings.basicCacheTtl().toNanos(), endsInNanos);
                                if (keep <= 0) {
                                  return;
                                }
                                if (bearerCache.size() > MAX_CACHED) {
                                  bearerCache.clear();
                                }
                                bearerCache.put(key, new CachedLogin(a, System.nanoTime() + keep));
                              }));
            });
  }

  /**
   * Only the header Steward itself writes: HS256, and no {@code crit} extensions, which a verifier
   * that does not understand them must refuse (RFC 7515, 4.1.11).
   */
  private static boolean headerAcceptable(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    try {
      JsonObject header =
          new JsonObject(
              new String(
                  Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8));
      return "HS256".equals(header.getValue("alg")) && !header.containsKey("crit");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * When the token ends, or {@link #NOT_ACCEPTABLE}: a token must say when it ends, and may not
   * live longer than Steward issues tokens for; every claim must have its type (a string {@code
   * exp} is a bad token, not a server error).
   */
  private long acceptableExpiry(String token) {
    JsonObject claims;
    try {
      String payload = token.substring(token.indexOf('.') + 1, token.lastIndexOf('.'));
      claims =
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return NOT_ACCEPTABLE;
    }
    if (!(claims.getValue("exp") instanceof Number exp)
        || !(claims.getValue("sub") instanceof String)) {
      return NOT_ACCEPTABLE;
    }
    long now = java.time.Instant.now().getEpochSecond();
    return exp.longValue() - now <= settings.tokenLifetime().toSeconds() + 60
        ? exp.longValue()
        : NOT_ACCEPTABLE;
  }

  /** What {@link #acceptableExpiry} answers for a token it refuses. */
  private static final long NOT_ACCEPTABLE = Long.MIN_VALUE;

  /**
   * The token endpoint, shaped like Entra's: a form post with {@code grant_type=password}, {@code
   * username} and {@code password} gives a signed bearer token.
   */
  void token(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    String grant = form.get("grant_type");
    if (!"password".equals(grant)) {
      GraphErrors.send(ctx, 400, "unsupported_grant_type", "Only grant_type=password is supported");
      return;
    }
    String login = form.get("username");
    ctx.put(ATTEMPTED_LOGIN, login);
    guard
        .check(
            "token",
            login,
            clientAddress(ctx),
            () -> authenticate.withPassword(login, form.get("password")))
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                GraphErrors.send(ctx, 400, "invalid_grant", "The user name or password is wrong");
                return;
              }
              Actor a = found.get();
              long lifetime = settings.tokenLifetime().toSeconds();
              String token =
                  jwt.generateToken(
                      new JsonObject()
                          .put("sub", a.userId().value())
                          .put("oid", a.userId().value())
                          .put("preferred_username", a.login()),
                      new JWTOptions()
                          .setAlgorithm("HS256")
                          .setIssuer(settings.jwtIssuer())
                          .setAudience(List.of(AUDIENCE))
                          .setExpiresInSeconds((int) lifetime));
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(
                  new JsonObject()
                      .put("token_type", "Bearer")
                      .put("expires_in", lifetime)
                      .put("access_token", token));
            })
        .onFailure(ctx::fail);
  }

  private static final String CLIENT = "steward.clientAddress";

  /**
   * The address the request came from, for counting failed sign-ins per client and for the access
   * log; worked out once per request (Vert.x-Web reads Forwarded headers and writes the address
   * anew on each call).
   */
  static String clientAddress(RoutingContext ctx) {
    String known = ctx.get(CLIENT);
    if (known == null) {
      var remote = ctx.request().remoteAddress();
      known = remote == null ? "" : remote.hostAddress();
      ctx.put(CLIENT, known);
    }
    return known;
  }

  static Actor actor(RoutingContext ctx) {
    Actor a = ctx.get(ACTOR);
    if (a == null) {
      throw new DomainException(DomainException.Reason.NOT_AUTHORIZED, "No authenticated caller");
    }
    return a;
  }
}
