// Request -> approve -> deliver through a running Steward: sets up, as the administrator ada, a
// catalog with two slapd groups as resources, one access package per group (Member of it) and a
// policy whose requests need one approval stage by a named approver (olivia). Then, with C clients,
// each user in turn POSTs a userAdd as itself, olivia PATCHes stage 1 with Approve, and the user
// GETs the request until it is delivered (Steward writes the member into the group inside the
// approval's response, so one GET normally suffices). A warm-up batch goes to the other package
// first and is not counted. Run by bench/deliver.sh with the Steward jar on the class path:
//
//   java -cp steward.jar bench/Deliver.java API_PORT DIR CLIENTS WARMUP_FIRST WARMUP_COUNT FIRST
//        COUNT [PACKAGES]
//
// With PACKAGES above 1 (default 1), that many packages grant the same group, each with the same
// policy, and the users are dealt out among them in turn.
//
// Prints "result <key> <value>" lines for the script's table; every non-2xx (and every request
// that was not delivered) is printed on standard error as it happens and counted as a failure.
// Right before and right after the measured batch it runs DIR/snapshot.sh (with "before" and
// "after"), where the script records Steward's metrics and Postgres's counters.
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

public class Deliver {
  static final String OLIVIA = "1c000000-0000-4000-8000-000000000005";
  static final String MEASURED_GROUP = "1d000000-0000-4000-8000-0000000000d1";
  static final String WARMUP_GROUP = "1d000000-0000-4000-8000-0000000000d0";
  static final String APPROVER = "olivia:olivia-demo-pw";
  static final String ADMIN = "ada:ada-demo-pw";

  static String em;
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  static final AtomicInteger FAILURES = new AtomicInteger();
  static final AtomicInteger EXTRA_POLLS = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    java.nio.file.Path dir = java.nio.file.Path.of(args[1]);
    int clients = Integer.parseInt(args[2]);
    int warmFirst = Integer.parseInt(args[3]);
    int warmCount = Integer.parseInt(args[4]);
    int first = Integer.parseInt(args[5]);
    int count = Integer.parseInt(args[6]);
    int packages = args.length > 7 ? Integer.parseInt(args[7]) : 1;
    em = "http://127.0.0.1:" + port + "/v1.0/identityGovernance/entitlementManagement";

    String catalog =
        created(
                send(
                    "POST",
                    "/catalogs",
                    ADMIN,
                    new JsonObject().put("displayName", "Deliver bench")))
            .getString("id");
    List<String[]> warm = new ArrayList<>();
    List<String[]> measured = new ArrayList<>();
    String warmResource = resourceFor(catalog, WARMUP_GROUP);
    String measuredResource = resourceFor(catalog, MEASURED_GROUP);
    for (int p = 0; p < packages; p++) {
      warm.add(packageFor(catalog, WARMUP_GROUP, warmResource, "Deliver bench warm-up " + p));
      measured.add(packageFor(catalog, MEASURED_GROUP, measuredResource, "Deliver bench " + p));
    }

    System.err.printf("warming up: %d users, %d clients%n", warmCount, clients);
    run(warm, warmFirst, warmCount, clients);
    int warmFailures = FAILURES.getAndSet(0);
    EXTRA_POLLS.set(0);

    System.err.printf("measuring: %d users, %d clients%n", count, clients);
    snapshot(dir, "before");
    long start = System.nanoTime();
    List<long[]> times = run(measured, first, count, clients);
    double seconds = (System.nanoTime() - start) / 1e9;
    snapshot(dir, "after");

    List<long[]> ok = times.stream().filter(t -> t[3] > 0).toList();
    System.out.printf("result delivered %d%n", ok.size());
    System.out.printf("result seconds %.2f%n", seconds);
    System.out.printf("result per_second %.1f%n", ok.size() / seconds);
    System.out.printf("result p50 %.1f%n", percentile(ok, 3, 50));
    System.out.printf("result p99 %.1f%n", percentile(ok, 3, 99));
    System.out.printf("result max %.1f%n", percentile(ok, 3, 100));
    System.out.printf("result post_p50 %.1f%n", percentile(ok, 0, 50));
    System.out.printf("result post_p99 %.1f%n", percentile(ok, 0, 99));
    System.out.printf("result approve_p50 %.1f%n", percentile(ok, 1, 50));
    System.out.printf("result approve_p99 %.1f%n", percentile(ok, 1, 99));
    System.out.printf("result get_p50 %.1f%n", percentile(ok, 2, 50));
    System.out.printf("result get_p99 %.1f%n", percentile(ok, 2, 99));
    System.out.printf("result failures %d%n", FAILURES.get());
    System.out.printf("result warmup_failures %d%n", warmFailures);
    System.out.printf("result extra_polls %d%n", EXTRA_POLLS.get());
    System.exit(0);
  }

  /** The group, added to the catalog as a resource. */
  static String resourceFor(String catalog, String group) throws Exception {
    return created(
            send(
                "POST",
                "/resourceRequests",
                ADMIN,
                new JsonObject()
                    .put("requestType", "adminAdd")
                    .put("resource", new JsonObject().put("originId", group))
                    .put("catalog", new JsonObject().put("id", catalog))))
        .getJsonObject("resource")
        .getString("id");
  }

  /** A package granting Member of the group, in the catalog, and its one-approval policy. */
  static String[] packageFor(String catalog, String group, String resource, String name)
      throws Exception {
    String pkg =
        created(
                send(
                    "POST",
                    "/accessPackages",
                    ADMIN,
                    new JsonObject()
                        .put("displayName", name)
                        .put("catalog", new JsonObject().put("id", catalog))))
            .getString("id");
    created(
        send(
            "POST",
            "/accessPackages/" + pkg + "/resourceRoleScopes",
            ADMIN,
            new JsonObject()
                .put(
                    "role",
                    new JsonObject()
                        .put("originId", "Member_" + group)
                        .put("resource", new JsonObject().put("id", resource)))
                .put("scope", new JsonObject().put("originId", group))));
    JsonObject policy =
        new JsonObject()
            .put("displayName", name + ": one approval by olivia")
            .put("accessPackage", new JsonObject().put("id", pkg))
            .put("allowedTargetScope", "allDirectoryUsers")
            .put("requestorSettings", new JsonObject().put("enableTargetsToSelfAddAccess", true))
            .put(
                "requestApprovalSettings",
                new JsonObject()
                    .put("isApprovalRequiredForAdd", true)
                    .put(
                        "stages",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("durationBeforeAutomaticDenial", "P7D")
                                    .put(
                                        "primaryApprovers",
                                        new JsonArray()
                                            .add(
                                                new JsonObject()
                                                    .put(
                                                        "@odata.type",
                                                        "#microsoft.graph.singleUser")
                                                    .put("userId", OLIVIA))))))
            .put(
                "expiration",
                new JsonObject().put("type", "afterDuration").put("duration", "P30D"));
    String policyId = created(send("POST", "/assignmentPolicies", ADMIN, policy)).getString("id");
    return new String[] {pkg, policyId};
  }

  /**
   * Users bench-first .. bench-(first+count-1), shared out to the clients from one queue, each
   * asking for the package its number falls to. Each entry: ms of the POST, of the approval, of the
   * GET(s) until delivered, and of the whole; the last is 0 when the user's request failed.
   */
  static List<long[]> run(List<String[]> pkgs, int first, int count, int clients) throws Exception {
    ConcurrentLinkedQueue<Integer> users = new ConcurrentLinkedQueue<>();
    for (int i = first; i < first + count; i++) {
      users.add(i);
    }
    List<long[]> times = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  Integer u;
                  while ((u = users.poll()) != null) {
                    times.add(oneUser(pkgs.get(u % pkgs.size()), u));
                  }
                } finally {
                  done.countDown();
                }
              });
      t.start();
    }
    done.await();
    return times;
  }

  static long[] oneUser(String[] pkg, int user) {
    String login = "bench-" + user + ":bench-pw";
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> posted =
          send(
              "POST",
              "/assignmentRequests",
              login,
              new JsonObject()
                  .put("requestType", "userAdd")
                  .put("justification", "deliver bench")
                  .put(
                      "assignment",
                      new JsonObject()
                          .put("accessPackageId", pkg[0])
                          .put("assignmentPolicyId", pkg[1])));
      if (!expect(posted, 201, "POST request of bench-" + user)) {
        return new long[] {0, 0, 0, 0};
      }
      String id = new JsonObject(posted.body()).getString("id");
      long t1 = System.nanoTime();
      HttpResponse<String> approved =
          send(
              "PATCH",
              "/assignmentApprovals/" + id + "/stages/1",
              APPROVER,
              new JsonObject().put("reviewResult", "Approve").put("justification", "bench"));
      if (!expect(approved, 204, "approve " + id + " of bench-" + user)) {
        return new long[] {0, 0, 0, 0};
      }
      long t2 = System.nanoTime();
      long deadline = t2 + Duration.ofSeconds(60).toNanos();
      for (int polls = 0; ; polls++) {
        HttpResponse<String> got = send("GET", "/assignmentRequests/" + id, login, null);
        if (!expect(got, 200, "GET request " + id + " of bench-" + user)) {
          return new long[] {0, 0, 0, 0};
        }
        String state = new JsonObject(got.body()).getString("state");
        if ("delivered".equals(state)) {
          long t3 = System.nanoTime();
          return new long[] {t1 - t0, t2 - t1, t3 - t2, t3 - t0};
        }
        if (!"delivering".equals(state) || System.nanoTime() > deadline) {
          FAILURES.incrementAndGet();
          System.err.println(
              "request " + id + " of bench-" + user + " is " + state + ": " + got.body());
          return new long[] {0, 0, 0, 0};
        }
        EXTRA_POLLS.incrementAndGet();
        Thread.sleep(10);
      }
    } catch (Exception e) {
      FAILURES.incrementAndGet();
      System.err.println("bench-" + user + ": " + e);
      return new long[] {0, 0, 0, 0};
    }
  }

  static void snapshot(java.nio.file.Path dir, String name) throws Exception {
    java.nio.file.Path hook = dir.resolve("snapshot.sh");
    if (java.nio.file.Files.exists(hook)) {
      int rc = new ProcessBuilder("bash", hook.toString(), name).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException(hook + " " + name + " exited with " + rc);
      }
    }
  }

  static boolean expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() == status) {
      return true;
    }
    FAILURES.incrementAndGet();
    System.err.println(what + ": " + r.statusCode() + " " + r.body());
    return false;
  }

  static JsonObject created(HttpResponse<String> r) {
    if (r.statusCode() != 201) {
      throw new IllegalStateException(
          r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  static HttpResponse<String> send(String method, String path, String credentials, JsonObject body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(em + path))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The p-th percentile (nearest rank) of column col, in milliseconds. */
  static double percentile(List<long[]> times, int col, double p) {
    if (times.isEmpty()) {
      return 0;
    }
    List<Long> v = new ArrayList<>(times.stream().map(t -> t[col]).toList());
    Collections.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.size());
    return v.get(Math.max(0, Math.min(v.size() - 1, rank - 1))) / 1e6;
  }
}
