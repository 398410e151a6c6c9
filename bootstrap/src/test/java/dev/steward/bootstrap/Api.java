package dev.steward.bootstrap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small synchronous client of Steward's HTTP API for end-to-end tests. */
final class Api {
  static final String ROLES = "/v1.0/roleManagement/entitlementManagement";
  static final String CATALOGS = "/v1.0/identityGovernance/entitlementManagement/catalogs";

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Api(String base) {
    this.base = base;
  }

  String base() {
    return base;
  }

  /** A response: its status, headers and body (parsed when it is JSON). */
  record Response(int status, java.net.http.HttpHeaders headers, String text) {
    JsonObject json() {
      return new JsonObject(text);
    }

    JsonArray value() {
      return json().getJsonArray("value");
    }

    String errorCode() {
      return json().getJsonObject("error").getString("code");
    }
  }

  static String basic(String login) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((login + ":" + login + "-demo-pw").getBytes(StandardCharsets.UTF_8));
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Response send(String method, String path, String authorization, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  /** The token endpoint's form post, as an OAuth client sends it. */
  Response token(String login, String password) {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + "/oauth2/v2.0/token"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=password&username=" + q(login) + "&password=" + q(password)))
            .build();
    try {
      HttpResponse<String> res = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Response(res.statusCode(), res.headers(), res.body());
    } catch (Exception e) {
      throw new IllegalStateException("token for " + login + " failed", e);
    }
  }

  Response get(String login, String path) {
    return send("GET", path, basic(login), null);
  }

  Response post(String login, String path, JsonObject body) {
    return send("POST", path, basic(login), body.encode());
  }

  Response patch(String login, String path, JsonObject body) {
    return send("PATCH", path, basic(login), body.encode());
  }

  Response delete(String login, String path) {
    return send("DELETE", path, basic(login), null);
  }

  /** The official Graph SDK, pointed at Steward with a token from Steward's token endpoint. */
  com.microsoft.graph.serviceclient.GraphServiceClient graph(String login) throws Exception {
    HttpRequest form =
        HttpRequest.newBuilder(URI.create(base + "/oauth2/v2.0/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=password&username=" + login + "&password=" + login + "-demo-pw"))
            .build();
    String token =
        new JsonObject(client.send(form, HttpResponse.BodyHandlers.ofString()).body())
            .getString("access_token");
    com.microsoft.kiota.authentication.AuthenticationProvider bearer =
        (request, context) -> request.headers.add("Authorization", "Bearer " + token);
    var graph = new com.microsoft.graph.serviceclient.GraphServiceClient(bearer);
    graph.getRequestAdapter().setBaseUrl(base + "/v1.0");
    return graph;
  }

  // ---- the calls the seed's procedures make ----

  String createCatalog(String login, String name) {
    Response r = post(login, CATALOGS, new JsonObject().put("displayName", name));
    if (r.status() != 201) {
      throw new AssertionError("creating catalog: " + r.status() + " " + r.text());
    }
    return r.json().getString("id");
  }

  Response assign(String login, String principalId, String roleId, String catalogId) {
    return post(
        login,
        ROLES + "/roleAssignments",
        new JsonObject()
            .put("principalId", principalId)
            .put("roleDefinitionId", roleId)
            .put("appScopeId", "/AccessPackageCatalog/" + catalogId));
  }

  String assigned(String login, String principalId, String roleId, String catalogId) {
    Response r = assign(login, principalId, roleId, catalogId);
    if (r.status() != 201) {
      throw new AssertionError("assigning: " + r.status() + " " + r.text());
    }
    return r.json().getString("id");
  }

  Response removeAssignment(String login, String assignmentId) {
    return delete(login, ROLES + "/roleAssignments/" + assignmentId);
  }

  Response listAssignments(String login, String filter, String extra) {
    return get(
        login,
        ROLES + "/roleAssignments?$filter=" + q(filter) + (extra == null ? "" : "&" + extra));
  }

  /** A catalog resource, a package granting Member of its group, and a direct-assignment policy. */
  record GrantingPackage(String resource, String pkg, String policy) {}

  /**
   * Test data builder: {@code resourceAdder} adds the group to the catalog; {@code builder} makes a
   * package that grants membership of it and a policy for direct assignment (with any extra policy
   * fields, such as an expiration).
   */
  GrantingPackage packageGrantingMembership(
      String resourceAdder,
      String builder,
      String catalog,
      String groupId,
      JsonObject policyExtras) {
    String em = "/v1.0/identityGovernance/entitlementManagement";
    Response res =
        post(
            resourceAdder,
            em + "/resourceRequests",
            new JsonObject()
                .put("requestType", "adminAdd")
                .put("resource", new JsonObject().put("originId", groupId))
                .put("catalog", new JsonObject().put("id", catalog)));
    expect(201, res);
    String resource = res.json().getJsonObject("resource").getString("id");
    Response pkg =
        post(
            builder,
            em + "/accessPackages",
            new JsonObject()
                .put("displayName", "P")
                .put("catalog", new JsonObject().put("id", catalog)));
    expect(201, pkg);
    String pkgId = pkg.json().getString("id");
    expect(
        201,
        post(
            builder,
            em + "/accessPackages/" + pkgId + "/resourceRoleScopes",
            new JsonObject()
                .put(
                    "role",
                    new JsonObject()
                        .put("originId", "Member_" + groupId)
                        .put("resource", new JsonObject().put("id", resource)))
                .put("scope", new JsonObject().put("originId", groupId))));
    JsonObject policy =
        new JsonObject()
            .put("displayName", "direct")
            .put("accessPackage", new JsonObject().put("id", pkgId))
            .put("allowedTargetScope", "notSpecified");
    policyExtras.forEach(e -> policy.put(e.getKey(), e.getValue()));
    Response created = post(builder, em + "/assignmentPolicies", policy);
    expect(201, created);
    return new GrantingPackage(resource, pkgId, created.json().getString("id"));
  }

  private static void expect(int status, Response r) {
    if (r.status() != status) {
      throw new AssertionError("expected " + status + ", got " + r.status() + " " + r.text());
    }
  }
}
