package dev.steward.adapter.http;

import dev.steward.application.port.out.DependencyUnavailableException;
import dev.steward.domain.DomainException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** The one place where failures become HTTP statuses and Graph's error shape. */
final class GraphErrors {
  private static final System.Logger LOG = System.getLogger("steward.http");

  private GraphErrors() {}

  static int status(DomainException.Reason reason) {
    return switch (reason) {
      case INVALID_MODEL,
          CATALOG_HAS_ACCESS_PACKAGES,
          RESOURCE_IN_USE,
          ACCESS_PACKAGE_HAS_ASSIGNMENTS,
          RESOURCE_NOT_IN_CATALOG,
          NO_APPROVER ->
          400;
      case NOT_AUTHORIZED, NOT_IN_POLICY_SCOPE, INCOMPATIBLE_ACCESS, REQUEST_NOT_ALLOWED -> 403;
      case CATALOG_NOT_FOUND,
          ROLE_ASSIGNMENT_NOT_FOUND,
          ROLE_NOT_FOUND,
          PRINCIPAL_NOT_FOUND,
          ACCESS_PACKAGE_NOT_FOUND,
          RESOURCE_NOT_FOUND,
          POLICY_NOT_FOUND,
          REQUEST_NOT_FOUND,
          ASSIGNMENT_NOT_FOUND,
          AUDIT_RECORD_NOT_FOUND ->
          404;
      case ALREADY_ASSIGNED,
          LAST_CATALOG_OWNER,
          ALREADY_EXISTS,
          ALREADY_ASSIGNED_PACKAGE,
          REQUEST_NOT_PENDING ->
          409;
    };
  }

  /** Answers a failed request; called by the router's failure handler. */
  static void respond(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof DomainException e) {
      send(ctx, status(e.reason()), e.reason().code(), e.getMessage());
    } else if (failure instanceof AuthenticationRequired e) {
      // The portal's own calls go without the challenge: it would make the browser pop up its
      // Basic sign-in box over the portal's sign-in page.
      if (ctx.request().getHeader(Portal.PORTAL_HEADER) == null) {
        ctx.response()
            .putHeader("WWW-Authenticate", "Basic realm=\"Steward\", Bearer realm=\"Steward\"");
      }
      send(ctx, 401, "InvalidAuthenticationToken", e.getMessage());
    } else if (failure instanceof SignInGuard.Throttled e) {
      ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds));
      send(ctx, 429, "TooManyRequests", e.getMessage());
    } else if (failure instanceof Refused e) {
      send(ctx, e.status, e.code, e.getMessage());
    } else if (failure instanceof DependencyUnavailableException e) {
      ctx.response().putHeader("Retry-After", "5");
      send(
          ctx,
          503,
          "ServiceUnavailable",
          "A dependency is unavailable (" + e.dependency() + "); retry later");
    } else if (failure == null && ctx.statusCode() == 413) {
      send(ctx, 413, "RequestEntityTooLarge", "The request body is larger than the limit");
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), "BadRequest", "The request could not be handled");
    } else {
      LOG.log(
          System.Logger.Level.ERROR,
          "request " + RequestIds.of(ctx) + " failed on " + ctx.request().path(),
          failure);
      send(ctx, 500, "InternalServerError", "Steward could not complete the request");
    }
  }

  static void send(RoutingContext ctx, int status, String code, String message) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body =
        new JsonObject()
            .put(
                "error",
                new JsonObject()
                    .put("code", code)
                    .put("message", message)
                    .put(
                        "innerError",
                        new JsonObject()
                            .put("request-id", RequestIds.of(ctx))
                            .put("date", Instant.now().toString())));
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }

  /** Raised when a request carries no credentials or wrong ones. */
  static final class AuthenticationRequired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AuthenticationRequired(String message) {
      super(message, null, false, false);
    }
  }

  /** Raised when a request is refused before any use case sees it (CSRF, cross-site). */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Refused(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
