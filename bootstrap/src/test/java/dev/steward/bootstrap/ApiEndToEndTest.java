package dev.steward.bootstrap;

import static dev.steward.bootstrap.RunningSteward.APM_ROLE;
import static dev.steward.bootstrap.RunningSteward.CREATOR_ROLE;
import static dev.steward.bootstrap.RunningSteward.OLIVIA;
import static dev.steward.bootstrap.RunningSteward.PAUL;
import static dev.steward.bootstrap.RunningSteward.READER_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API's contract over HTTP: authentication, catalogs, paging, and refusals of bad input. */
class ApiEndToEndTest {
  private static RunningSteward s;
  private static Api api;

  @BeforeAll
  static void start() {
    s = RunningSteward.start(Map.of("STEWARD_MAX_BODY_BYTES", "4096"));
    api = s.api;
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private long rows() {
    return s.count(
        "SELECT (SELECT count(*) FROM catalog) + (SELECT count(*) FROM role_assignment)"
            + " + (SELECT count(*) FROM audit_record)");
  }

  // ---- authentication ----

  @Test
  void everyApiCallNeedsCredentials() {
    for (String path :
        new String[] {"/v1.0/me", Api.CATALOGS, Api.ROLES + "/roleDefinitions", "/v1.0/users"}) {
      Api.Response r = api.send("GET", path, null, null);
      assertEquals(401, r.status(), path);
      assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"));
      assertEquals("InvalidAuthenticationToken", r.errorCode());
    }
    assertEquals(401, api.send("GET", "/v1.0/me", "Basic " + "b2xpdmlhOndyb25n", null).status());
    assertEquals(401, api.send("GET", "/v1.0/me", "Basic !!!", null).status());
    assertEquals(401, api.send("GET", "/v1.0/me", "Digest x", null).status());
    assertEquals(
        401,
        api.send(
                "GET",
                "/v1.0/me",
                "Basic " + java.util.Base64.getEncoder().encodeToString("olivia:".getBytes()),
                null)
            .status());
  }

  @Test
  void aRememberedSignInServesOnlyTheSameLoginAndPassword() {
    java.util.function.Function<String, String> basic =
        pair -> "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes());
    // Signed in once: the login and password are remembered (by a hash of both) for a while.
    assertEquals(
        200, api.send("GET", "/v1.0/me", basic.apply("olivia:olivia-demo-pw"), null).status());
    assertEquals(
        200, api.send("GET", "/v1.0/me", basic.apply("olivia:olivia-demo-pw"), null).status());
    for (String other :
        new String[] {"olivia:olivia-demo-pX", "olivia:olivia-demo-pw ", "olivi:aolivia-demo-pw"}) {
      assertEquals(401, api.send("GET", "/v1.0/me", basic.apply(other), null).status(), other);
    }
    assertEquals(
        200, api.send("GET", "/v1.0/me", basic.apply("olivia:olivia-demo-pw"), null).status());
  }

  @Test
  void aTokenFromTheTokenEndpointAuthenticatesAndATamperedOneDoesNot() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&username=olivia&password=olivia-demo-pw"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    String token = new JsonObject(r.body()).getString("access_token");
    Api.Response me = api.send("GET", "/v1.0/me", "Bearer " + token, null);
    assertEquals(200, me.status());
    assertEquals(OLIVIA, me.json().getString("id"));
    String tampered =
        token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
    assertEquals(401, api.send("GET", "/v1.0/me", "Bearer " + tampered, null).status());
    assertEquals(401, api.send("GET", "/v1.0/me", "Bearer not.a.token", null).status());
    // the token again, now remembered as verified, and the tampered one still refused after it
    assertEquals(
        OLIVIA, api.send("GET", "/v1.0/me", "Bearer " + token, null).json().getString("id"));
    assertEquals(401, api.send("GET", "/v1.0/me", "Bearer " + tampered, null).status());
    HttpResponse<String> wrong =
        client.send(
            HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&username=olivia&password=nope"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, wrong.statusCode());
    assertEquals(
        "invalid_grant", new JsonObject(wrong.body()).getJsonObject("error").getString("code"));
  }

  // ---- catalogs ----

  @Test
  void catalogsAreCreatedReadChangedAndDeleted() {
    Api.Response created =
        api.post(
            "carl",
            Api.CATALOGS,
            new JsonObject()
                .put("displayName", "Sales")
                .put("description", "For sales")
                .put("isExternallyVisible", true));
    assertEquals(201, created.status(), created.text());
    JsonObject c = created.json();
    assertEquals("userManaged", c.getString("catalogType"));
    assertEquals("published", c.getString("state"));
    assertTrue(c.getBoolean("isExternallyVisible"));
    assertNotNull(c.getString("createdDateTime"));
    String id = c.getString("id");
    assertEquals(c, api.get("carl", Api.CATALOGS + "/" + id).json());
    Api.Response patched =
        api.patch("carl", Api.CATALOGS + "/" + id, new JsonObject().put("state", "unpublished"));
    assertEquals(200, patched.status(), patched.text());
    assertEquals("unpublished", patched.json().getString("state"));
    assertEquals("Sales", patched.json().getString("displayName"));
    assertEquals(
        403,
        api.patch("paul", Api.CATALOGS + "/" + id, new JsonObject().put("state", "published"))
            .status());
    assertEquals(403, api.delete("paul", Api.CATALOGS + "/" + id).status());
    assertEquals(204, api.delete("carl", Api.CATALOGS + "/" + id).status());
    assertEquals(404, api.get("carl", Api.CATALOGS + "/" + id).status());
    assertEquals("ResourceNotFound", api.get("carl", Api.CATALOGS + "/" + id).errorCode());
  }

  @Test
  void aCatalogWithAccessPackagesIsNotDeleted() {
    String id = api.createCatalog("carl", "Has packages");
    s.execute(
        "INSERT INTO access_package (id, catalog_id, display_name, created_at, modified_at) VALUES (?, ?, ?, ?, ?)",
        UUID.randomUUID(),
        UUID.fromString(id),
        "Package",
        Timestamp.from(Instant.now()),
        Timestamp.from(Instant.now()));
    Api.Response r = api.delete("carl", Api.CATALOGS + "/" + id);
    assertEquals(400, r.status());
    assertEquals("InvalidDeleteResourceHasEntitlements", r.errorCode());
    assertTrue(r.json().getJsonObject("error").getString("message").contains("1 access package"));
    assertEquals(200, api.get("carl", Api.CATALOGS + "/" + id).status());
  }

  @Test
  void plainUsersCannotCreateCatalogsAndCreatorsSeeOnlyTheirOwn() {
    assertEquals(
        403, api.post("eve", Api.CATALOGS, new JsonObject().put("displayName", "x")).status());
    String mine = api.createCatalog("oscar", "Oscar's");
    api.createCatalog("carl", "Carl's");
    Set<String> seen = new HashSet<>();
    api.get("oscar", Api.CATALOGS).value().forEach(o -> seen.add(((JsonObject) o).getString("id")));
    assertTrue(seen.contains(mine));
    assertEquals(1, seen.size(), "oscar sees only his catalogs: " + seen);
    assertTrue(api.get("ada", Api.CATALOGS).value().size() >= 2);
  }

  // ---- role assignments ----

  @Test
  void roleDefinitionsAreListedWithTheirFixedIds() {
    Api.Response r = api.get("eve", Api.ROLES + "/roleDefinitions");
    assertEquals(200, r.status());
    Set<String> ids = new HashSet<>();
    r.value().forEach(o -> ids.add(((JsonObject) o).getString("id")));
    assertEquals(
        Set.of(
            CREATOR_ROLE,
            RunningSteward.OWNER_ROLE,
            READER_ROLE,
            APM_ROLE,
            RunningSteward.APAM_ROLE),
        ids);
    Api.Response apm = api.get("eve", Api.ROLES + "/roleDefinitions/" + APM_ROLE);
    assertEquals("Access package manager", apm.json().getString("displayName"));
    assertEquals(404, api.get("eve", Api.ROLES + "/roleDefinitions/" + UUID.randomUUID()).status());
    assertEquals(
        "RoleNotFound",
        api.get("eve", Api.ROLES + "/roleDefinitions/" + UUID.randomUUID()).errorCode());
  }

  @Test
  void listingPagesThroughNextLinkWithTheSameFilter() {
    String catalog = api.createCatalog("olivia", "Paging");
    String[] people = {
      RunningSteward.PAUL,
      RunningSteward.EVE,
      RunningSteward.ED,
      RunningSteward.PRIYA,
      RunningSteward.FIONA
    };
    for (String p : people) {
      api.assigned("olivia", p, READER_ROLE, catalog);
    }
    String filter =
        "appScopeId eq '/AccessPackageCatalog/"
            + catalog
            + "' and roleDefinitionId in ('"
            + READER_ROLE
            + "')";
    Set<String> ids = new HashSet<>();
    Api.Response page =
        api.listAssignments("olivia", filter, "$top=2&$expand=principal,roleDefinition");
    int pages = 0;
    while (true) {
      assertEquals(200, page.status(), page.text());
      pages++;
      page.value()
          .forEach(
              o -> {
                JsonObject a = (JsonObject) o;
                ids.add(a.getString("id"));
                assertEquals(READER_ROLE, a.getJsonObject("roleDefinition").getString("id"));
              });
      String next = page.json().getString("@odata.nextLink");
      if (next == null) {
        break;
      }
      assertTrue(next.contains("%24filter") || next.contains("$filter"), next);
      page = api.send("GET", next, Api.basic("olivia"), null);
    }
    assertEquals(5, ids.size());
    assertEquals(3, pages);
  }

  @Test
  void badInputIsRefusedWithInvalidModelAndChangesNothing() {
    String catalog = api.createCatalog("olivia", "Bad input");
    long before = rows();
    String path = Api.ROLES + "/roleAssignments";
    String scope = "/AccessPackageCatalog/" + catalog;
    String[] bodies = {
      "{",
      "[]",
      "\"text\"",
      "{}",
      "{\"principalId\":\"" + PAUL + "\",\"roleDefinitionId\":\"" + APM_ROLE + "\"}",
      "{\"principalId\":42,\"roleDefinitionId\":\""
          + APM_ROLE
          + "\",\"appScopeId\":\""
          + scope
          + "\"}",
      "{\"principalId\":\"paul\",\"roleDefinitionId\":\""
          + APM_ROLE
          + "\",\"appScopeId\":\""
          + scope
          + "\"}",
      "{\"principalId\":\""
          + PAUL
          + "\",\"roleDefinitionId\":\""
          + APM_ROLE
          + "\",\"appScopeId\":\"/AccessPackageCatalog/x*)\"}",
      "{\"principalId\":\""
          + PAUL
          + "\",\"roleDefinitionId\":\""
          + APM_ROLE
          + "\",\"appScopeId\":\""
          + scope
          + "\",\"extra\":1}",
      "{\"principalId\":\""
          + PAUL
          + "\",\"roleDefinitionId\":\""
          + CREATOR_ROLE
          + "\",\"appScopeId\":\""
          + scope
          + "\"}",
      "{\"principalId\":\""
          + PAUL
          + "\",\"roleDefinitionId\":\""
          + APM_ROLE
          + "\",\"appScopeId\":\"/\"}",
      "{\"principalId\":\""
          + PAUL
          + "\",\"roleDefinitionId\":\""
          + APM_ROLE
          + "\",\"appScopeId\":\""
          + scope
          + "\",\"directoryScopeId\":\"/x\"}",
      "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
    };
    for (String body : bodies) {
      Api.Response r = api.send("POST", path, Api.basic("olivia"), body);
      assertEquals(
          400, r.status(), body.substring(0, Math.min(80, body.length())) + " -> " + r.text());
      assertEquals("InvalidModel", r.errorCode(), body);
    }
    Api.Response unknownRole =
        api.send(
            "POST",
            path,
            Api.basic("olivia"),
            "{\"principalId\":\""
                + PAUL
                + "\",\"roleDefinitionId\":\""
                + UUID.randomUUID()
                + "\",\"appScopeId\":\""
                + scope
                + "\"}");
    assertEquals(404, unknownRole.status());
    assertEquals("RoleNotFound", unknownRole.errorCode());
    Api.Response tooBig =
        api.send("POST", path, Api.basic("olivia"), "{\"x\":\"" + "a".repeat(10_000) + "\"}");
    assertEquals(413, tooBig.status());
    for (String query :
        new String[] {
          "$filter=" + Api.q("principalId eq"),
          "$filter=" + Api.q("principalId ne '" + PAUL + "'"),
          "$filter=" + Api.q("displayName eq 'x'"),
          "$filter=" + Api.q("principalId eq 'not-a-guid'"),
          "$filter=" + Api.q("principalId eq '" + PAUL + "' or 1 eq 1"),
          "$filter=" + Api.q("principalId eq '" + PAUL + "'; DROP TABLE role_assignment"),
          "$top=0",
          "$top=abc",
          "$expand=everything",
          "$skiptoken=%25%25",
        }) {
      Api.Response r = api.get("olivia", path + "?" + query);
      assertEquals(400, r.status(), query + " -> " + r.text());
      assertEquals("InvalidModel", r.errorCode());
    }
    assertEquals(400, api.get("olivia", Api.CATALOGS + "/not-a-guid").status());
    assertEquals(400, api.delete("olivia", path + "/not-a-guid").status());
    assertEquals(404, api.delete("olivia", path + "/" + UUID.randomUUID()).status());
    assertEquals(before, rows());
  }

  @Test
  void directorySearchTreatsFilterCharactersAsText() {
    Api.Response all = api.get("eve", "/v1.0/users?$search=" + Api.q("\"displayName:Pa\""));
    assertEquals(200, all.status(), all.text());
    assertEquals(1, all.value().size());
    assertEquals(PAUL, all.value().getJsonObject(0).getString("id"));
    Api.Response injected = api.get("eve", "/v1.0/users?$search=" + Api.q("*)(uid=*"));
    assertEquals(200, injected.status());
    assertEquals(0, injected.value().size());
    Api.Response groups = api.get("eve", "/v1.0/groups?$search=proj");
    assertEquals("project-leads", groups.value().getJsonObject(0).getString("displayName"));
    assertEquals(404, api.get("eve", "/v1.0/users/" + UUID.randomUUID()).status());
    assertEquals(404, api.get("eve", "/v1.0/groups/" + PAUL).status());
    assertEquals(PAUL, api.get("eve", "/v1.0/users/" + PAUL).json().getString("id"));
  }

  @Test
  void responsesCarryARequestIdThatErrorsRepeat() {
    Api.Response r = api.get("eve", Api.CATALOGS + "/" + UUID.randomUUID());
    String id = r.headers().firstValue("request-id").orElseThrow();
    assertEquals(
        id, r.json().getJsonObject("error").getJsonObject("innerError").getString("request-id"));
    assertFalse(api.get("eve", "/v1.0/nothing-here").text().isEmpty());
    assertEquals(404, api.get("eve", "/v1.0/nothing-here").status());
  }

  @Test
  void healthReportsEachDependency() {
    Api.Response live = api.send("GET", "/health/live", null, null);
    assertEquals(200, live.status());
    for (String path : new String[] {"/health/ready", "/health/dependencies"}) {
      Api.Response ready = api.send("GET", path, null, null);
      assertEquals(200, ready.status(), ready.text());
      assertEquals("UP", ready.json().getString("status"));
      assertEquals("UP", ready.json().getJsonObject("checks").getString("postgres"));
      assertEquals("UP", ready.json().getJsonObject("checks").getString("ldap"));
    }
  }
}
