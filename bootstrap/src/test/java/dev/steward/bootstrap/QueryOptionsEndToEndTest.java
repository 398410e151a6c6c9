package dev.steward.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.AccessPackageCatalog;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Graph route answers only the query options it declares: each documented option changes the
 * answer, and anything else is a 400 InvalidModel naming it, never silently ignored.
 */
class QueryOptionsEndToEndTest {
  private static final String EM = "/v1.0/identityGovernance/entitlementManagement";
  private static final String AUDITS = "/v1.0/auditLogs/directoryAudits";
  private static RunningSteward s;
  private static Api api;

  @BeforeAll
  static void start() {
    s = RunningSteward.start();
    api = s.api;
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void refused(String path, String option) {
    Api.Response r = api.get("ada", path);
    assertEquals(400, r.status(), path + " -> " + r.text());
    assertEquals("InvalidModel", r.errorCode(), path);
    assertTrue(
        r.json().getJsonObject("error").getString("message").contains(option),
        path + " -> " + r.text());
  }

  @Test
  void everyRouteRefusesAQueryOptionItDoesNotDeclareNamingIt() {
    String id = UUID.randomUUID().toString();
    List<String> paths =
        List.of(
            "/v1.0/me",
            "/v1.0/users",
            "/v1.0/users/" + id,
            "/v1.0/groups",
            "/v1.0/groups/" + id,
            Api.ROLES + "/roleDefinitions",
            Api.ROLES + "/roleDefinitions/" + id,
            Api.ROLES + "/roleAssignments",
            Api.ROLES + "/roleAssignments/" + id,
            Api.ROLES + "/myPermissions",
            Api.CATALOGS,
            Api.CATALOGS + "/" + id,
            Api.CATALOGS + "/" + id + "/resources",
            Api.CATALOGS + "/" + id + "/resourceRoles",
            EM + "/accessPackages",
            EM + "/accessPackages/" + id,
            EM + "/accessPackages/filterByCurrentUser(on='allowedRequestor')",
            EM + "/accessPackages/" + id + "/resourceRoleScopes",
            EM + "/accessPackages/" + id + "/incompatibleAccessPackages",
            EM + "/accessPackages/" + id + "/incompatibleGroups",
            EM + "/accessPackages/" + id + "/assignmentPolicies",
            EM + "/assignmentPolicies",
            EM + "/assignmentPolicies/" + id,
            EM + "/assignmentRequests",
            EM + "/assignmentRequests/" + id,
            EM + "/assignmentRequests/filterByCurrentUser(on='target')",
            EM + "/assignmentApprovals/" + id,
            EM + "/assignmentApprovals/" + id + "/stages",
            EM + "/assignmentApprovals/filterByCurrentUser(on='approver')",
            EM + "/assignments",
            EM + "/assignments/" + id,
            EM + "/assignments/filterByCurrentUser(on='target')",
            Api.CATALOGS + "/" + id + "/customWorkflowExtensions",
            Api.CATALOGS + "/" + id + "/customWorkflowExtensions/" + id,
            EM + "/assignmentRequests/" + id + "/customExtensionCalloutInstances",
            AUDITS,
            AUDITS + "/" + id);
    for (String path : paths) {
      refused(path + "?$orderby=id", "$orderby");
      refused(path + "?colour=blue", "colour");
      refused(path + "?$skip=2", "$skip");
    }
  }

  /** The status line and body of a request sent as written, which no URI class would accept. */
  private static String raw(String method, String target) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", s.steward.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              (method
                      + " "
                      + target
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                      + Api.basic("ada")
                      + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void aQueryStringWithABrokenPercentEscapeIsRefusedAsInvalidModel() throws Exception {
    for (String target :
        List.of(
            Api.ROLES + "/roleAssignments?$filter=principalId%20eq%20%zz",
            Api.ROLES + "/roleAssignments?$top=5&%2",
            Api.CATALOGS + "?$filter=displayName%20eq%20'%G1'")) {
      String answer = raw("GET", target);
      assertTrue(answer.startsWith("HTTP/1.1 400"), target + " -> " + answer);
      assertTrue(answer.contains("InvalidModel"), target + " -> " + answer);
    }
    String write = raw("DELETE", Api.ROLES + "/roleAssignments/" + UUID.randomUUID() + "?x=%zz");
    assertTrue(write.startsWith("HTTP/1.1 400"), write);
    assertTrue(write.contains("InvalidModel"), write);
  }

  @Test
  void writesTakeNoQueryOptions() {
    Api.Response r =
        api.send(
            "POST",
            Api.CATALOGS + "?$select=id",
            Api.basic("olivia"),
            new JsonObject().put("displayName", "Not made").encode());
    assertEquals(400, r.status(), r.text());
    assertTrue(r.text().contains("$select"));
    assertEquals(
        0, s.count("SELECT count(*) FROM catalog WHERE display_name = 'Not made'"), r.text());
  }

  @Test
  void catalogsFilterByNameContainsAndStateAndSelectTheirProperties() throws Exception {
    String finance = api.createCatalog("olivia", "Finance");
    String financeOps = api.createCatalog("olivia", "Finance Ops");
    String hr = api.createCatalog("olivia", "HR people");
    assertEquals(
        200,
        api.patch("olivia", Api.CATALOGS + "/" + hr, new JsonObject().put("state", "unpublished"))
            .status());

    // What the Terraform azuread provider's catalog data source asks, through the Graph SDK.
    GraphServiceClient graph = api.graph("olivia");
    List<AccessPackageCatalog> named =
        graph
            .identityGovernance()
            .entitlementManagement()
            .catalogs()
            .get(rc -> rc.queryParameters.filter = "displayName eq 'Finance'")
            .getValue();
    assertEquals(List.of(finance), named.stream().map(AccessPackageCatalog::getId).toList());

    assertEquals(sorted(finance, financeOps), ids("$filter=contains(displayName,'Finance')"));
    assertEquals(
        sorted(finance, financeOps), ids("$filter=contains(tolower(displayName),'finance')"));
    assertEquals(List.of(hr), ids("$filter=state eq 'unpublished' and contains(displayName,'p')"));
    assertEquals(List.of(financeOps), ids("$filter=contains(displayName,'Ops')&$top=1"));
    List<String> paged = ids("$filter=contains(displayName,'Finance')&$top=1");
    assertEquals(1, paged.size());

    JsonObject selected =
        api.get(
                "olivia",
                Api.CATALOGS
                    + "?$select=displayName&$filter="
                    + Api.q("displayName eq 'HR people'"))
            .value()
            .getJsonObject(0);
    assertEquals(new JsonObject().put("id", hr).put("displayName", "HR people"), selected);
    JsonObject one = api.get("olivia", Api.CATALOGS + "/" + hr + "?$select=state").json();
    assertEquals(new JsonObject().put("id", hr).put("state", "unpublished"), one);

    ODataError refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            ODataError.class,
            () ->
                graph
                    .identityGovernance()
                    .entitlementManagement()
                    .catalogs()
                    .get(rc -> rc.queryParameters.filter = "description eq 'x'"));
    assertEquals(400, refused.getResponseStatusCode());
    assertTrue(refused.getError().getMessage().contains("description"));
    refused(Api.CATALOGS + "?$filter=" + Api.q("displayName ne 'x'"), "ne");
    refused(Api.CATALOGS + "?$filter=" + Api.q("state eq 'a' or state eq 'b'"), "'or'");
    refused(Api.CATALOGS + "?$select=owner", "owner");
    refused(Api.CATALOGS + "?$count=yes", "$count");
  }

  @Test
  void catalogResourcesFilterByOriginIdAndExpandTheirScopesAndRoles() {
    String catalog = api.createCatalog("ada", "Resources by origin");
    Api.GrantingPackage granted =
        api.packageGrantingMembership(
            "ada", "ada", catalog, RunningSteward.ENGINEERING, new JsonObject());
    String path = Api.CATALOGS + "/" + catalog + "/resources";
    JsonArray found =
        api.get(
                "ada",
                path
                    + "?$expand=scopes,roles&$count=true&$filter="
                    + Api.q("originId eq '" + RunningSteward.ENGINEERING + "'"))
            .value();
    assertEquals(1, found.size());
    JsonObject resource = found.getJsonObject(0);
    assertEquals(granted.resource(), resource.getString("id"));
    JsonObject scope = resource.getJsonArray("scopes").getJsonObject(0);
    assertEquals(true, scope.getBoolean("isRootScope"));
    assertEquals(RunningSteward.ENGINEERING, scope.getString("originId"));
    assertEquals(
        List.of("Member", "Owner"),
        resource.getJsonArray("roles").stream()
            .map(r -> ((JsonObject) r).getString("displayName"))
            .toList());
    assertEquals(
        0,
        api.get("ada", path + "?$filter=" + Api.q("originId eq '" + UUID.randomUUID() + "'"))
            .value()
            .size());
    JsonObject plain = api.get("ada", path).value().getJsonObject(0);
    assertFalse(plain.containsKey("scopes") || plain.containsKey("roles"));
    refused(path + "?$expand=catalog", "catalog");
    refused(path + "?$filter=" + Api.q("displayName eq 'x'"), "displayName");
  }

  @Test
  void catalogsSortByNamePageAcrossPagesCountAndExpandTheirPackages() {
    String prefix = "Sorted " + UUID.randomUUID().toString().substring(0, 6) + " ";
    List<String> names = List.of("delta", "Alpha", "charlie", "bravo", "echo");
    java.util.Map<String, String> idByName = new java.util.HashMap<>();
    for (String n : names) {
      idByName.put(n, api.createCatalog("olivia", prefix + n));
    }
    String filter = "&$filter=" + Api.q("contains(displayName,'" + prefix.strip() + "')");
    // Case-insensitive name order, followed across pages of two by its nextLink.
    List<String> seen = new java.util.ArrayList<>();
    String next = Api.CATALOGS + "?$orderby=displayName&$top=2&$count=true" + filter;
    int pages = 0;
    while (next != null) {
      JsonObject page = api.get("olivia", next).json();
      assertEquals(5, page.getInteger("@odata.count"), "the whole count on every page");
      page.getJsonArray("value")
          .forEach(
              c -> seen.add(((JsonObject) c).getString("displayName").substring(prefix.length())));
      next = page.getString("@odata.nextLink");
      pages++;
    }
    assertEquals(List.of("Alpha", "bravo", "charlie", "delta", "echo"), seen);
    assertEquals(3, pages);
    List<String> down = new java.util.ArrayList<>();
    api.get("olivia", Api.CATALOGS + "?$orderby=displayName%20desc&$top=999" + filter)
        .value()
        .forEach(
            c -> down.add(((JsonObject) c).getString("displayName").substring(prefix.length())));
    assertEquals(List.of("echo", "delta", "charlie", "bravo", "Alpha"), down);
    // A token of one order is refused in another.
    JsonObject first =
        api.get("olivia", Api.CATALOGS + "?$orderby=displayName&$top=2" + filter).json();
    String link = first.getString("@odata.nextLink");
    String token = link.substring(link.indexOf("$skiptoken=") + "$skiptoken=".length());
    token = token.contains("&") ? token.substring(0, token.indexOf('&')) : token;
    refused(Api.CATALOGS + "?$skiptoken=" + token, "$skiptoken");
    // /$count is the number alone.
    Api.Response counted = api.get("olivia", Api.CATALOGS + "/$count?" + filter.substring(1));
    assertEquals(200, counted.status(), counted.text());
    assertEquals("5", counted.text());
    assertTrue(counted.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    // Eve sees none of Olivia's catalogs, and counts none.
    assertEquals("0", api.get("eve", Api.CATALOGS + "/$count?" + filter.substring(1)).text());

    // $expand=accessPackages: each catalog with its packages, on the list and on one catalog.
    String alpha = idByName.get("Alpha");
    Api.Response pkg =
        api.post(
            "olivia",
            EM + "/accessPackages",
            new JsonObject()
                .put("displayName", "Alpha's package")
                .put("catalog", new JsonObject().put("id", alpha)));
    assertEquals(201, pkg.status(), pkg.text());
    JsonObject expanded =
        api.get(
                "olivia",
                Api.CATALOGS + "?$orderby=displayName&$top=2&$expand=accessPackages" + filter)
            .value()
            .getJsonObject(0);
    assertEquals(alpha, expanded.getString("id"));
    assertEquals(
        List.of("Alpha's package"),
        expanded.getJsonArray("accessPackages").stream()
            .map(p -> ((JsonObject) p).getString("displayName"))
            .toList());
    JsonObject bravo =
        api.get("olivia", Api.CATALOGS + "/" + idByName.get("bravo") + "?$expand=accessPackages")
            .json();
    assertEquals(0, bravo.getJsonArray("accessPackages").size());
    refused(Api.CATALOGS + "?$expand=resources", "resources");
    refused(Api.CATALOGS + "?$orderby=state", "state");
  }

  @Test
  void collectionsAnsweredWholeCountThemAndRoleAssignmentsExpandAndFilter() {
    String catalog = api.createCatalog("olivia", "Counted");
    String resources = Api.CATALOGS + "/" + catalog + "/resources";
    JsonObject empty = api.get("olivia", resources + "?$count=true").json();
    assertEquals(0, empty.getInteger("@odata.count"));
    api.packageGrantingMembership(
        "olivia", "olivia", catalog, AssignmentRacesOverHttpTest.FALCON, new JsonObject());
    JsonObject counted = api.get("olivia", resources + "?$count=true").json();
    assertEquals(1, counted.getInteger("@odata.count"));
    assertFalse(api.get("olivia", resources).json().containsKey("@odata.count"));
    refused(resources + "?$count=maybe", "$count");

    String filter = "appScopeId eq '/AccessPackageCatalog/" + catalog + "'";
    Api.Response plain = api.listAssignments("olivia", filter, null);
    Api.Response expanded = api.listAssignments("olivia", filter, "$expand=principal");
    assertEquals(200, expanded.status(), expanded.text());
    assertFalse(plain.value().getJsonObject(0).containsKey("principal"));
    assertTrue(expanded.value().getJsonObject(0).containsKey("principal"));
    refused(
        Api.ROLES + "/roleAssignments?$filter=" + Api.q("startswith(principalId,'1')"),
        "startswith");
  }

  private static List<String> sorted(String... ids) {
    return java.util.Arrays.stream(ids).sorted().toList();
  }

  private static List<String> ids(String query) {
    Api.Response r = api.get("olivia", Api.CATALOGS + "?" + query.replace(" ", "%20"));
    assertEquals(200, r.status(), query + " -> " + r.text());
    return r.value().stream().map(o -> ((JsonObject) o).getString("id")).sorted().toList();
  }

  private static List<String> activities(String query) {
    Api.Response r = api.get("rita", AUDITS + "?" + query);
    assertEquals(200, r.status(), query + " -> " + r.text());
    return r.value().stream().map(o -> ((JsonObject) o).getString("activityDisplayName")).toList();
  }

  @Test
  void eachAuditLogOptionChangesTheAnswer() {
    String catalog = api.createCatalog("olivia", "Audited");
    assertEquals(
        200,
        api.patch("olivia", Api.CATALOGS + "/" + catalog, new JsonObject().put("description", "x"))
            .status());
    String about = Api.q("targetResources/any(t:t/id eq '" + catalog + "')");
    String create = "Create access package catalog";
    String update = "Update access package catalog";
    assertEquals(List.of(update, create), activities("$filter=" + about));
    assertEquals(
        List.of(create, update), activities("$orderby=activityDateTime%20asc&$filter=" + about));
    assertEquals(
        List.of(update, create), activities("$orderby=activityDateTime%20desc&$filter=" + about));
    assertEquals(
        List.of(update),
        activities("$filter=" + about + Api.q(" and activityDisplayName eq '" + update + "'")));
    assertEquals(
        List.of(), activities("$filter=" + about + Api.q(" and category eq 'UserManagement'")));
    assertEquals(
        2,
        activities("$filter=" + about + Api.q(" and category eq 'EntitlementManagement'")).size());
    assertEquals(
        List.of(),
        activities("$filter=" + about + Api.q(" and activityDateTime le 2000-01-01T00:00:00Z")));
    assertEquals(
        2,
        activities("$filter=" + about + Api.q(" and activityDateTime ge 2000-01-01T00:00:00Z"))
            .size());
    assertEquals(
        List.of(),
        activities(
            "$filter="
                + about
                + Api.q(" and initiatedBy/user/id eq '" + RunningSteward.ADA + "'")));
    assertEquals(
        2,
        activities(
                "$filter="
                    + about
                    + Api.q(" and initiatedBy/user/id eq '" + RunningSteward.OLIVIA + "'"))
            .size());

    JsonObject created =
        api.get("rita", AUDITS + "?$orderby=activityDateTime&$filter=" + about)
            .value()
            .getJsonObject(0);
    String correlation = created.getString("correlationId");
    List<JsonObject> sameRequest =
        api
            .get("rita", AUDITS + "?$filter=" + Api.q("correlationId eq '" + correlation + "'"))
            .value()
            .stream()
            .map(o -> (JsonObject) o)
            .toList();
    assertTrue(sameRequest.size() >= 2, "the catalog and its first owner");
    assertTrue(
        sameRequest.stream().allMatch(a -> a.getString("correlationId").equals(correlation)));

    JsonObject selected =
        api.get("rita", AUDITS + "?$top=1&$select=activityDisplayName&$filter=" + about).json();
    assertEquals(
        new JsonObject()
            .put("id", selected.getJsonArray("value").getJsonObject(0).getString("id"))
            .put("activityDisplayName", update),
        selected.getJsonArray("value").getJsonObject(0));
    assertTrue(selected.getString("@odata.nextLink").contains("$skiptoken="));

    String ofCatalog =
        Api.q("additionalDetails/any(d:d/key eq 'catalogId' and d/value eq '" + catalog + "')");
    assertEquals(
        List.of(update, "Add member to role scoped over access package catalog", create),
        activities("$filter=" + ofCatalog));
    refused(
        AUDITS + "?$filter=" + Api.q("additionalDetails/any(d:d/key eq 'action')"),
        "additionalDetails");
    refused(
        AUDITS + "?$filter=" + Api.q("targetResources/any(t:t/id eq 'a' or t/id eq 'b')"),
        "targetResources");
    refused(AUDITS + "?$filter=" + Api.q("result eq 'success'"), "result");
    refused(AUDITS + "?$filter=" + Api.q("activityDateTime gt 2000-01-01T00:00:00Z"), "gt");
    refused(AUDITS + "?$filter=" + Api.q("activityDateTime ge 'yesterday'"), "activityDateTime");
    refused(AUDITS + "?$orderby=activityDisplayName", "$orderby");
    refused(AUDITS + "?$count=maybe", "$count");
  }

  @Test
  void theAuditLogCountsAcrossPagesWhatEachCallerMayRead() {
    String since = java.time.Instant.now().minusSeconds(1).toString();
    api.createCatalog("olivia", "Audit counted");
    api.createCatalog("ada", "Audit counted elsewhere");
    String filter =
        "$filter="
            + Api.q(
                "activityDisplayName eq 'Create access package catalog'"
                    + " and activityDateTime ge "
                    + since);
    int all = api.get("rita", AUDITS + "?$top=999&" + filter).value().size();
    assertTrue(all >= 2, "both catalogs made: " + all);
    JsonObject first = api.get("rita", AUDITS + "?$top=1&$count=true&" + filter).json();
    assertEquals(all, first.getInteger("@odata.count"));
    assertEquals(1, first.getJsonArray("value").size());
    JsonObject second = api.get("rita", first.getString("@odata.nextLink")).json();
    assertEquals(all, second.getInteger("@odata.count"), "the same count on the next page");
    // Olivia reads the records of her own catalogs only, and counts only those.
    int hers = api.get("olivia", AUDITS + "?$top=999&" + filter).value().size();
    JsonObject counted = api.get("olivia", AUDITS + "?$count=true&" + filter).json();
    assertEquals(hers, counted.getInteger("@odata.count"));
    assertTrue(hers >= 1 && hers < all, hers + " of " + all);
  }

  private static int assignments(String filter) {
    Api.Response r = api.get("olivia", EM + "/assignments?$filter=" + Api.q(filter));
    assertEquals(200, r.status(), filter + " -> " + r.text());
    return r.value().size();
  }

  @Test
  void assignmentsAndTheirRequestsFilterAsGraphDocuments() {
    String catalog = api.createCatalog("olivia", "Assigned");
    Api.GrantingPackage g =
        api.packageGrantingMembership(
            "olivia", "olivia", catalog, AssignmentRacesOverHttpTest.FALCON, new JsonObject());
    for (String target : List.of(RunningSteward.EVE, RunningSteward.ED)) {
      Api.Response r =
          api.post(
              "olivia",
              EM + "/assignmentRequests",
              new JsonObject()
                  .put("requestType", "adminAdd")
                  .put(
                      "assignment",
                      new JsonObject()
                          .put("targetId", target)
                          .put("accessPackageId", g.pkg())
                          .put("assignmentPolicyId", g.policy())));
      assertEquals(201, r.status(), r.text());
    }
    String pkg = "accessPackage/id eq '" + g.pkg() + "'";
    assertEquals(2, assignments(pkg));
    assertEquals(1, assignments(pkg + " and target/objectId eq '" + RunningSteward.EVE + "'"));
    assertEquals(2, assignments(pkg + " and state eq 'delivered'"));
    assertEquals(0, assignments(pkg + " and state eq 'expired'"));
    assertEquals(2, assignments("assignmentPolicy/id eq '" + g.policy() + "'"));
    assertEquals(0, assignments("assignmentPolicy/id eq '" + UUID.randomUUID() + "'"));
    assertEquals(2, assignments("catalog/id eq '" + catalog + "'"));
    assertEquals(0, assignments("catalog/id eq '" + UUID.randomUUID() + "'"));
    refused(EM + "/assignments?$filter=" + Api.q("state eq 'pending'"), "state");

    // The requests behind them, filtered the ways Graph documents.
    String since = java.time.Instant.now().minusSeconds(3600).toString();
    assertEquals(2, requests(pkg));
    assertEquals(2, requests(pkg + " and requestType eq 'adminAdd'"));
    assertEquals(0, requests(pkg + " and requestType eq 'userAdd'"));
    assertEquals(2, requests(pkg + " and state eq 'delivered'"));
    assertEquals(0, requests(pkg + " and state eq 'denied'"));
    assertEquals(1, requests(pkg + " and target/objectId eq '" + RunningSteward.ED + "'"));
    assertEquals(2, requests(pkg + " and createdDateTime ge " + since));
    assertEquals(0, requests(pkg + " and createdDateTime le " + since));
    JsonObject named =
        api.get("olivia", EM + "/assignmentRequests?$expand=accessPackage&$filter=" + Api.q(pkg))
            .value()
            .getJsonObject(0);
    assertEquals("P", named.getJsonObject("accessPackage").getString("displayName"));
    refused(EM + "/assignmentRequests?$filter=" + Api.q("state eq 'lost'"), "state");
    // Each item's requestor, target, assignment and policy, expanded as Graph names them.
    JsonObject full =
        api.get(
                "olivia",
                EM
                    + "/assignmentRequests?$expand=requestor,target,assignment,accessPackage"
                    + "&$filter="
                    + Api.q(pkg + " and target/objectId eq '" + RunningSteward.EVE + "'"))
            .value()
            .getJsonObject(0);
    assertEquals("user", full.getJsonObject("target").getString("subjectType"));
    assertEquals(RunningSteward.EVE, full.getJsonObject("target").getString("objectId"));
    assertTrue(full.getJsonObject("target").getString("displayName").startsWith("Eve"));
    assertEquals(RunningSteward.OLIVIA, full.getJsonObject("requestor").getString("objectId"));
    assertTrue(full.getJsonObject("requestor").getString("displayName").startsWith("Olivia"));
    assertEquals("delivered", full.getJsonObject("assignment").getString("state"));
    assertEquals(
        RunningSteward.EVE,
        full.getJsonObject("assignment").getJsonObject("target").getString("objectId"));
    JsonObject assignment =
        api.get(
                "olivia",
                EM
                    + "/assignments?$expand=target,accessPackage,assignmentPolicy&$filter="
                    + Api.q(pkg + " and target/objectId eq '" + RunningSteward.ED + "'"))
            .value()
            .getJsonObject(0);
    assertTrue(assignment.getJsonObject("target").getString("displayName").startsWith("Ed"));
    assertEquals("P", assignment.getJsonObject("accessPackage").getString("displayName"));
    assertTrue(assignment.getJsonObject("assignmentPolicy").containsKey("displayName"));
    JsonObject one =
        api.get(
                "olivia",
                EM + "/assignments/" + assignment.getString("id") + "?$expand=assignmentPolicy")
            .json();
    assertTrue(one.getJsonObject("assignmentPolicy").containsKey("displayName"));
    assertFalse(one.getJsonObject("target").containsKey("displayName"), "only what was asked");
    refused(EM + "/assignmentRequests?$expand=catalog", "catalog");
    refused(EM + "/assignments?$expand=requestor", "requestor");
  }

  private static int requests(String filter) {
    Api.Response r = api.get("olivia", EM + "/assignmentRequests?$filter=" + Api.q(filter));
    assertEquals(200, r.status(), filter + " -> " + r.text());
    return r.value().size();
  }

  /**
   * {@code $count=true} on a paged collection is the total of every page, the same on the page its
   * nextLink leads to; {@code /$count} is that number as text; a caller who sees none counts none.
   */
  private static void countedAcrossPages(String collection, String filter, int total) {
    String f = "$filter=" + Api.q(filter);
    JsonObject first = api.get("olivia", collection + "?$top=1&$count=true&" + f).json();
    assertEquals(total, first.getInteger("@odata.count"), collection + " " + first);
    assertEquals(1, first.getJsonArray("value").size());
    JsonObject second = api.get("olivia", first.getString("@odata.nextLink")).json();
    assertEquals(total, second.getInteger("@odata.count"), "the same count on the next page");
    assertEquals(1, second.getJsonArray("value").size());
    assertFalse(api.get("olivia", collection + "?$top=1&" + f).json().containsKey("@odata.count"));
    Api.Response text = api.get("olivia", collection + "/$count?" + f);
    assertEquals(200, text.status(), text.text());
    assertEquals(Integer.toString(total), text.text());
    assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    // Eve may view nothing in Olivia's catalog, so she counts nothing there.
    assertEquals(
        0, api.get("eve", collection + "?$count=true&" + f).json().getInteger("@odata.count"));
    assertEquals("0", api.get("eve", collection + "/$count?" + f).text());
    refused(collection + "?$count=maybe", "$count");
    refused(collection + "/$count?$top=1", "$top");
  }

  /** {@code $select} keeps the asked properties and {@code id}, on the list and on one item. */
  private static void selects(String collection, String filter, String property, String absent) {
    JsonObject item =
        api.get("olivia", collection + "?$select=" + property + "&$filter=" + Api.q(filter))
            .value()
            .getJsonObject(0);
    assertEquals(java.util.Set.of("id", property), item.fieldNames(), item.encode());
    JsonObject one =
        api.get("olivia", collection + "/" + item.getString("id") + "?$select=" + property).json();
    assertEquals(java.util.Set.of("id", property), one.fieldNames(), one.encode());
    assertTrue(
        api.get("olivia", collection + "/" + item.getString("id")).json().containsKey(absent));
    refused(collection + "?$select=colour", "colour");
    refused(collection + "/" + item.getString("id") + "?$select=colour", "colour");
  }

  /** A package in a catalog of Olivia's, with an adminAdd request delivered to Eve and to Ed. */
  private static Api.GrantingPackage twoDelivered(String catalogName) {
    String catalog = api.createCatalog("olivia", catalogName);
    Api.GrantingPackage g =
        api.packageGrantingMembership(
            "olivia", "olivia", catalog, AssignmentRacesOverHttpTest.FALCON, new JsonObject());
    for (String target : List.of(RunningSteward.EVE, RunningSteward.ED)) {
      Api.Response r =
          api.post(
              "olivia",
              EM + "/assignmentRequests",
              new JsonObject()
                  .put("requestType", "adminAdd")
                  .put(
                      "assignment",
                      new JsonObject()
                          .put("targetId", target)
                          .put("accessPackageId", g.pkg())
                          .put("assignmentPolicyId", g.policy())));
      assertEquals(201, r.status(), r.text());
    }
    return g;
  }

  @Test
  void assignmentRequestsCountAcrossPagesAndSelect() {
    Api.GrantingPackage g = twoDelivered("Requests counted");
    String pkg = "accessPackage/id eq '" + g.pkg() + "'";
    String requests = EM + "/assignmentRequests";
    countedAcrossPages(requests, pkg, 2);
    assertEquals(
        "1",
        api.get(
                "olivia",
                requests
                    + "/$count?$filter="
                    + Api.q(pkg + " and target/objectId eq '" + RunningSteward.ED + "'"))
            .text(),
        "the count takes the list's filters");
    selects(requests, pkg, "state", "requestType");
  }

  @Test
  void assignmentsCountAcrossPagesAndSelect() {
    Api.GrantingPackage g = twoDelivered("Assignments counted");
    String pkg = "accessPackage/id eq '" + g.pkg() + "'";
    String assignments = EM + "/assignments";
    countedAcrossPages(assignments, pkg, 2);
    assertEquals(
        "1",
        api.get(
                "olivia",
                assignments
                    + "/$count?$filter="
                    + Api.q(pkg + " and target/objectId eq '" + RunningSteward.ED + "'"))
            .text(),
        "the count takes the list's filters");
    assertEquals(
        "0",
        api.get("olivia", assignments + "/$count?$filter=" + Api.q(pkg + " and state eq 'expired'"))
            .text());
    selects(assignments, pkg, "state", "schedule");
  }

  @Test
  void accessPackagesCountAcrossPagesAndSelect() {
    String catalog = api.createCatalog("olivia", "Packages counted");
    for (String name : List.of("Counted one", "Counted two")) {
      Api.Response r =
          api.post(
              "olivia",
              EM + "/accessPackages",
              new JsonObject()
                  .put("displayName", name)
                  .put("catalog", new JsonObject().put("id", catalog)));
      assertEquals(201, r.status(), r.text());
    }
    String packages = EM + "/accessPackages";
    String inCatalog = "catalog/id eq '" + catalog + "'";
    countedAcrossPages(packages, inCatalog, 2);
    assertEquals(
        "1",
        api.get(
                "olivia",
                packages
                    + "/$count?$filter="
                    + Api.q(inCatalog + " and displayName eq 'counted two'"))
            .text(),
        "the count takes the list's filters");
    selects(packages, inCatalog, "displayName", "description");
    // What $expand adds stays beside what $select keeps.
    JsonObject both =
        api.get(
                "olivia",
                packages
                    + "?$select=displayName&$expand=assignmentPolicies&$filter="
                    + Api.q(inCatalog))
            .value()
            .getJsonObject(0);
    assertEquals(java.util.Set.of("id", "displayName", "assignmentPolicies"), both.fieldNames());
  }

  @Test
  void roleAssignmentsCountAcrossPagesAndSelect() {
    String reader = "44272f93-9762-48e8-af59-1b5351b1d6b3";
    String edsCatalog = api.createCatalog("olivia", "Roles counted for Ed");
    String evesCatalog = api.createCatalog("olivia", "Roles counted for Eve");
    api.assigned("olivia", RunningSteward.ED, reader, edsCatalog);
    api.assigned("olivia", RunningSteward.EVE, reader, evesCatalog);
    String filter =
        "appScopeId in ('/AccessPackageCatalog/"
            + edsCatalog
            + "','/AccessPackageCatalog/"
            + evesCatalog
            + "')";
    String roles = Api.ROLES + "/roleAssignments";
    Api.Response listed = api.listAssignments("olivia", filter, "$top=999");
    assertEquals(200, listed.status(), listed.text());
    int all = listed.value().size();
    assertTrue(all >= 4, "an owner and a reader in each: " + all);
    JsonObject first = api.listAssignments("olivia", filter, "$top=1&$count=true").json();
    assertEquals(all, first.getInteger("@odata.count"));
    assertEquals(1, first.getJsonArray("value").size());
    JsonObject second = api.get("olivia", first.getString("@odata.nextLink")).json();
    assertEquals(all, second.getInteger("@odata.count"), "the same count on the next page");
    // Eve views only the catalog she reads, and counts only what she may view.
    int evesAll = api.listAssignments("eve", filter, "$top=999").value().size();
    JsonObject eves = api.listAssignments("eve", filter, "$top=1&$count=true").json();
    assertEquals(evesAll, eves.getInteger("@odata.count"));
    assertTrue(evesAll < all, evesAll + " of " + all);
    assertTrue(evesAll >= 1, "her own reader assignment");
    refused(roles + "?$count=maybe", "$count");
    // $select keeps the asked properties and id, beside what $expand adds.
    JsonObject item =
        api.listAssignments("olivia", filter, "$select=principalId").value().getJsonObject(0);
    assertEquals(java.util.Set.of("id", "principalId"), item.fieldNames(), item.encode());
    JsonObject expanded =
        api.get(
                "olivia",
                roles + "/" + item.getString("id") + "?$select=appScopeId&$expand=roleDefinition")
            .json();
    assertEquals(
        java.util.Set.of("id", "appScopeId", "roleDefinition"),
        expanded.fieldNames(),
        expanded.encode());
    refused(roles + "?$select=colour", "colour");
  }

  @Test
  void assignmentPoliciesSelectTheirProperties() {
    String catalog = api.createCatalog("olivia", "Policies selected");
    Api.GrantingPackage g =
        api.packageGrantingMembership(
            "olivia", "olivia", catalog, AssignmentRacesOverHttpTest.FALCON, new JsonObject());
    selects(
        EM + "/assignmentPolicies",
        "accessPackage/id eq '" + g.pkg() + "'",
        "expiration",
        "displayName");
    selects(
        EM + "/assignmentPolicies",
        "accessPackage/id eq '" + g.pkg() + "'",
        "displayName",
        "requestorSettings");
  }
}
