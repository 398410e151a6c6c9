package dev.steward.bootstrap;

import dev.steward.adapter.http.AccessLog;
import dev.steward.adapter.http.HttpSettings;
import dev.steward.adapter.http.SignInGuard;
import dev.steward.adapter.http.StewardHttpServer;
import dev.steward.adapter.ldap.DirectoryType;
import dev.steward.adapter.ldap.EmbeddedLdapServer;
import dev.steward.adapter.ldap.LdapSettings;
import dev.steward.adapter.postgres.AuditSeal;
import dev.steward.adapter.postgres.EmbeddedPostgresServer;
import dev.steward.adapter.postgres.Migrations;
import dev.steward.adapter.postgres.PgRoleChangeFeed;
import dev.steward.adapter.postgres.PostgresSettings;
import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase.AssignRole;
import dev.steward.application.service.HeldRoleCache;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.RoleDefinition;
import dev.steward.domain.Scope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running Steward: resolves configuration, starts the embedded Postgres and LDAP servers when
 * none are configured, migrates the schema, builds the Dagger graph and serves HTTP.
 */
public final class Steward implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("steward");

  /** The demo directory's base DN and the demo sign-ins printed at start-up. */
  public static final String DEMO_BASE_DN = "dc=example,dc=org";

  public static final List<String[]> DEMO_LOGINS =
      List.of(
          new String[] {"ada", "ada-demo-pw", "Global administrator"},
          new String[] {"gil", "gil-demo-pw", "Identity governance administrator"},
          new String[] {"uma", "uma-demo-pw", "User administrator"},
          new String[] {"carl", "carl-demo-pw", "Catalog creator"},
          new String[] {"olivia", "olivia-demo-pw", "Catalog creator (owns what she creates)"},
          new String[] {"oscar", "oscar-demo-pw", "Catalog creator"},
          new String[] {"paul", "paul-demo-pw", "Project lead (to be made access package manager)"},
          new String[] {"eve", "eve-demo-pw", "Employee, reports to paul"},
          new String[] {"ed", "ed-demo-pw", "Employee, reports to paul"});

  /** Demo users made catalog creators on first start. */
  static final Map<String, String> DEMO_CREATORS =
      Map.of(
          "carl", "1c000000-0000-4000-8000-000000000004",
          "olivia", "1c000000-0000-4000-8000-000000000005",
          "oscar", "1c000000-0000-4000-8000-000000000006");

  static final String DEMO_ADMIN_ID = "1c000000-0000-4000-8000-000000000001";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private Vertx vertx;
  private StewardComponent component;
  private StewardHttpServer server;
  private boolean demoDirectory;
  private io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics;
  private AccessLog accessLog;
  private Duration shutdownGrace = Duration.ZERO;
  private Duration shutdownTimeout = Duration.ofSeconds(20);
  private final java.util.concurrent.atomic.AtomicBoolean closing =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Steward() {}

  /** Postgres keeps microseconds; a clock at the same precision reads back what it wrote. */
  public static final dev.steward.application.port.out.Clock SYSTEM_CLOCK =
      () -> java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

  public static Steward start(Config config) throws Exception {
    return start(config, SYSTEM_CLOCK);
  }

  /** Starts with another clock: tests move time instead of waiting for it. */
  public static Steward start(Config config, dev.steward.application.port.out.Clock clock)
      throws Exception {
    return start(config, clock, null);
  }

  /** Starts with another clock and access log (tests read what would be logged). */
  public static Steward start(
      Config config, dev.steward.application.port.out.Clock clock, AccessLog accessLog)
      throws Exception {
    Steward s = new Steward();
    s.accessLog = accessLog;
    try {
      s.boot(config, clock);
      return s;
    } catch (Exception | Error e) {
      s.close();
      throw e;
    }
  }

  private void boot(Config config, dev.steward.application.port.out.Clock clock) throws Exception {
    jwtSecret(config); // refuse a missing key before touching any server
    auditKey(config);
    Instance instance = Instance.from(config);
    Logging.configure(config, instance);
    AutomationConfig automation = AutomationConfig.from(config); // and a malformed attribute map
    shutdownGrace = Duration.ofSeconds(config.getInt("STEWARD_SHUTDOWN_GRACE_SECONDS", 5));
    shutdownTimeout = Duration.ofSeconds(config.getInt("STEWARD_SHUTDOWN_TIMEOUT_SECONDS", 20));
    if (shutdownGrace.isNegative() || shutdownTimeout.isNegative()) {
      throw new IllegalArgumentException("shutdown grace and timeout cannot be negative");
    }
    Path data = Path.of(config.get("STEWARD_DATA_DIR", "steward-data")).toAbsolutePath();
    Files.createDirectories(data);
    PostgresSettings postgres = postgres(config, data);
    LdapSettings ldap = ldap(config);
    dev.steward.adapter.postgres.DirectoryIdentity.check(
        postgres, ldap.idAttribute() + "/" + ldap.idFormat());
    HttpSettings http = http(config, data);
    String key = auditKey(config);
    AuditSeal auditSeal =
        AuditSeal.withKey(key.isEmpty() ? persistentSecret(data.resolve("audit-key")) : key);
    NotificationConfig notifications = notifications(config, http);
    WebhookConfig webhooks = webhooks(config);

    metrics = Metrics.registry();
    dev.steward.adapter.http.RequestLogContext.register(); // before the Vert.x instance is built
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setPreferNativeTransport(true)
                    .setMetricsOptions(Metrics.vertxOptions(metrics)))
            .withMetrics(new io.vertx.micrometer.MicrometerMetricsFactory(metrics))
            .build();
    AccessLog.Format logFormat =
        "json".equalsIgnoreCase(config.get("STEWARD_LOG_FORMAT", "text"))
            ? AccessLog.Format.JSON
            : AccessLog.Format.TEXT;
    HeldRoleCache heldRoles = new HeldRoleCache(config.getBoolean("STEWARD_HELD_ROLE_CACHE", true));
    component =
        DaggerStewardComponent.factory()
            .create(
                vertx,
                instance,
                postgres,
                auditSeal,
                ldap,
                http,
                clock,
                metrics,
                accessLog != null ? accessLog : standardOutAccessLog(logFormat, instance.name()),
                heldRoles,
                notifications,
                automation,
                ReviewConfig.from(config),
                webhooks);
    Metrics.bind(metrics, component, vertx, resources);
    resources.add(() -> component.pool().close().await(10, TimeUnit.SECONDS));
    // Role changes made elsewhere reach the cache through Postgres NOTIFY; until the feed is
    // listening, and whenever it is not, held roles are read on every request.
    resources.add(PgRoleChangeFeed.start(vertx, postgres, heldRoles));
    resources.add(component.ldapDirectory());
    if (demoDirectory) {
      seedDemo();
    }
    every(
        config.getInt("STEWARD_SCHEDULER_INTERVAL_SECONDS", 30),
        "due work",
        () -> component.dueWork().runDue());
    every(60, "forgetting ended portal sessions", () -> component.portalSessions().purge());
    DependencyWatch postgresWatch =
        new DependencyWatch(
            "postgres",
            () -> component.pool().query("SELECT 1").execute().map(rows -> true),
            metrics);
    DependencyWatch ldapWatch =
        new DependencyWatch("ldap", () -> component.ldapDirectory().isReachable(), metrics);
    every(
        config.getInt("STEWARD_DEPENDENCY_CHECK_SECONDS", 5),
        "checking Postgres and LDAP",
        () -> Future.join(postgresWatch.check(), ldapWatch.check()));
    if (component.mailer() instanceof dev.steward.adapter.mail.VertxMailer mailer) {
      resources.add(() -> mailer.close().await(10, TimeUnit.SECONDS));
      every(
          notifications.intervalSeconds(),
          "sending notifications",
          () -> component.notifications().sendDue());
    }
    resources.add(component.webhookSender()::close);
    every(webhooks.intervalSeconds(), "sending webhooks", () -> component.webhooks().sendDue());
    every(
        webhooks.intervalSeconds(),
        "ending requests whose custom extension did not answer",
        () -> component.webhooks().timeOutWaiting());
    server = component.httpServer();
    server.start().await(30, TimeUnit.SECONDS);
    LOG.log(
        System.Logger.Level.INFO,
        "Steward (instance "
            + instance.name()
            + ") serves http://"
            + http.host()
            + ":"
            + server.port()
            + "/v1.0 ("
            + (vertx.isNativeTransportEnabled()
                ? "native epoll transport"
                : "Java NIO transport: " + vertx.unavailableNativeTransportCause())
            + ")");
  }

  private PostgresSettings postgres(Config config, Path data) throws IOException {
    String appRole = config.get("STEWARD_PG_APP_ROLE", "steward_app");
    int poolSize = config.getInt("STEWARD_PG_POOL_SIZE", 8);
    if (config.get("STEWARD_PG_HOST").isEmpty()) {
      EmbeddedPostgresServer pg =
          EmbeddedPostgresServer.start(
              data.resolve("postgres"), config.getInt("STEWARD_EMBEDDED_PG_PORT", 0));
      resources.add(pg);
      PostgresSettings settings = pg.settings(EmbeddedPostgresServer.DATABASE, appRole, poolSize);
      Migrations.migrate(settings);
      pg.ensureAppLogin(EmbeddedPostgresServer.DATABASE, appRole);
      LOG.log(
          System.Logger.Level.INFO,
          "No STEWARD_PG_HOST: embedded Postgres on port "
              + pg.port()
              + ", data in "
              + data.resolve("postgres"));
      return settings;
    }
    String user = config.get("STEWARD_PG_USER", "steward");
    String password = secret(config, "STEWARD_PG_PASSWORD");
    PostgresSettings settings =
        new PostgresSettings(
            config.get("STEWARD_PG_HOST", "127.0.0.1"),
            config.getInt("STEWARD_PG_PORT", 5432),
            config.get("STEWARD_PG_DATABASE", "steward"),
            user,
            password,
            config.get("STEWARD_PG_MIGRATION_USER", user),
            secret(config, "STEWARD_PG_MIGRATION_PASSWORD").isEmpty()
                ? password
                : secret(config, "STEWARD_PG_MIGRATION_PASSWORD"),
            appRole,
            poolSize);
    Migrations.migrate(settings);
    return settings;
  }

  private LdapSettings ldap(Config config) throws Exception {
    String baseDn = config.get("STEWARD_LDAP_BASE_DN", DEMO_BASE_DN);
    String host;
    int port;
    String bindDn;
    String bindPassword;
    if (config.get("STEWARD_LDAP_HOST").isEmpty()) {
      demoDirectory = true;
      baseDn = DEMO_BASE_DN;
      bindDn = "cn=steward,ou=services," + DEMO_BASE_DN;
      bindPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
      try (InputStream ldif = Steward.class.getResourceAsStream("/demo/demo.ldif")) {
        EmbeddedLdapServer server =
            EmbeddedLdapServer.start(
                DEMO_BASE_DN,
                config.getInt("STEWARD_EMBEDDED_LDAP_PORT", 0),
                ldif,
                bindDn,
                bindPassword);
        resources.add(server);
        var extra = config.get("STEWARD_EMBEDDED_LDAP_EXTRA_LDIF");
        if (extra.isPresent()) {
          try (InputStream more = Files.newInputStream(Path.of(extra.get()))) {
            server.load(more);
          }
        }
        host = "127.0.0.1";
        port = server.port();
      }
      LOG.log(
          System.Logger.Level.INFO,
          "No STEWARD_LDAP_HOST: embedded demo LDAP directory on port " + port);
    } else {
      host = config.get("STEWARD_LDAP_HOST").get();
      port = config.getInt("STEWARD_LDAP_PORT", 389);
      bindDn = config.get("STEWARD_LDAP_BIND_DN", "");
      bindPassword = secret(config, "STEWARD_LDAP_BIND_PASSWORD");
    }
    Map<RoleDefinition, String> roleGroups = new EnumMap<>(RoleDefinition.class);
    roleGroups.put(
        RoleDefinition.GLOBAL_ADMINISTRATOR,
        config.get("STEWARD_GLOBAL_ADMIN_GROUP_DN", "cn=global-admins,ou=groups," + baseDn));
    roleGroups.put(
        RoleDefinition.IDENTITY_GOVERNANCE_ADMINISTRATOR,
        config.get(
            "STEWARD_IDENTITY_GOVERNANCE_ADMIN_GROUP_DN",
            "cn=governance-admins,ou=groups," + baseDn));
    roleGroups.put(
        RoleDefinition.USER_ADMINISTRATOR,
        config.get("STEWARD_USER_ADMIN_GROUP_DN", "cn=user-admins,ou=groups," + baseDn));
    roleGroups.put(
        RoleDefinition.REPORTS_READER,
        config.get("STEWARD_AUDIT_READER_GROUP_DN", "cn=audit-readers,ou=groups," + baseDn));
    return directorySettings(config, host, port, bindDn, bindPassword, baseDn, roleGroups);
  }

  /**
   * The access log on standard output, its lines written in batches by a thread of their own
   * (BatchedLines); closed after the HTTP server, so the last requests' lines are written too.
   */
  private AccessLog standardOutAccessLog(AccessLog.Format format, String instance) {
    BatchedLines lines = new BatchedLines(System.out, "steward-access-log");
    resources.add(lines);
    return new AccessLog(format, lines, instance);
  }

  /** The directory's shape: a preset's defaults, each overridden by its own key when set. */
  static LdapSettings directorySettings(
      Config config,
      String host,
      int port,
      String bindDn,
      String bindPassword,
      String baseDn,
      Map<RoleDefinition, String> roleGroups)
      throws IOException {
    DirectoryType type =
        DirectoryType.parse(
            config.get("STEWARD_LDAP_DIRECTORY_TYPE", DirectoryType.OPENLDAP.configName()));
    // The preset gives every shape setting's default; each key still overrides it alone.
    LdapSettings preset = type.settings(host, port, bindDn, bindPassword, baseDn);
    List<String> groupClasses =
        config.getList("STEWARD_LDAP_GROUP_OBJECT_CLASS", preset.groupObjectClasses());
    List<String> memberAttributes =
        config.getList("STEWARD_LDAP_MEMBER_ATTRIBUTE", preset.memberAttributes());
    if (groupClasses.size() != memberAttributes.size()) {
      throw new IllegalArgumentException(
          "STEWARD_LDAP_GROUP_OBJECT_CLASS "
              + groupClasses
              + " and STEWARD_LDAP_MEMBER_ATTRIBUTE "
              + memberAttributes
              + " must name as many: each group class with its member attribute");
    }
    return new LdapSettings(
        host,
        port,
        bindDn,
        bindPassword,
        config.get("STEWARD_LDAP_USER_BASE_DN", preset.userBaseDn()),
        config.get("STEWARD_LDAP_GROUP_BASE_DN", preset.groupBaseDn()),
        type,
        config.get("STEWARD_LDAP_USER_OBJECT_CLASS", preset.userObjectClass()),
        groupClasses,
        config.get("STEWARD_LDAP_ID_ATTRIBUTE", preset.idAttribute()),
        config.getEnum(
            "STEWARD_LDAP_ID_FORMAT",
            Map.of(
                "string",
                LdapSettings.IdFormat.STRING,
                "binaryGuid",
                LdapSettings.IdFormat.BINARY_GUID),
            preset.idFormat()),
        config.getList("STEWARD_LDAP_LOGIN_ATTRIBUTE", preset.loginAttributes()),
        config.get("STEWARD_LDAP_GROUP_NAME_ATTRIBUTE", preset.groupNameAttribute()),
        config.get("STEWARD_LDAP_DISPLAY_NAME_ATTRIBUTE", preset.displayNameAttribute()),
        config.get("STEWARD_LDAP_MAIL_ATTRIBUTE", preset.mailAttribute()),
        config.get("STEWARD_LDAP_UPN_ATTRIBUTE", preset.upnAttribute()),
        config.get("STEWARD_LDAP_DESCRIPTION_ATTRIBUTE", preset.descriptionAttribute()),
        memberAttributes,
        config.get("STEWARD_LDAP_OWNER_ATTRIBUTE", preset.ownerAttribute()),
        config.get("STEWARD_LDAP_MANAGER_ATTRIBUTE", preset.managerAttribute()),
        config.get("STEWARD_LDAP_USER_FILTER", preset.userFilter()),
        config.get("STEWARD_LDAP_GROUP_FILTER", preset.groupFilter()),
        config.getEnum(
            "STEWARD_LDAP_NESTED_GROUPS",
            Map.of("walk", LdapSettings.Nesting.WALK, "inChain", LdapSettings.Nesting.IN_CHAIN),
            preset.nesting()),
        config.get("STEWARD_LDAP_NETBIOS_DOMAIN", ""),
        roleGroups,
        config.getInt("STEWARD_LDAP_POOL_SIZE", 8),
        Duration.ofSeconds(config.getInt("STEWARD_LDAP_MEMBERSHIP_CACHE_SECONDS", 15)),
        config.getEnum(
            "STEWARD_LDAP_TLS",
            Map.of(
                "none",
                LdapSettings.Tls.NONE,
                "ldaps",
                LdapSettings.Tls.LDAPS,
                "starttls",
                LdapSettings.Tls.STARTTLS),
            LdapSettings.Tls.NONE),
        config.get("STEWARD_LDAP_TRUSTSTORE", ""),
        secret(config, "STEWARD_LDAP_TRUSTSTORE_PASSWORD"));
  }

  private HttpSettings http(Config config, Path data) throws IOException {
    String secret = jwtSecret(config);
    if (secret.isEmpty()) {
      secret = persistentSecret(data.resolve("jwt-secret"));
    }
    return new HttpSettings(
        config.get("STEWARD_HTTP_HOST", "127.0.0.1"),
        config.getInt("STEWARD_HTTP_PORT", 8080),
        config.getInt("STEWARD_MAX_BODY_BYTES", 256 * 1024),
        secret,
        config.get("STEWARD_JWT_ISSUER", "steward"),
        Duration.ofSeconds(config.getInt("STEWARD_TOKEN_LIFETIME_SECONDS", 3600)),
        Duration.ofSeconds(config.getInt("STEWARD_BASIC_CACHE_SECONDS", 60)),
        config.get("STEWARD_MANAGEMENT_HOST", "127.0.0.1"),
        config.getInt("STEWARD_MANAGEMENT_PORT", 9464),
        config.getInt("STEWARD_HTTP_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()),
        config.get("STEWARD_TLS_KEYSTORE", ""),
        secret(config, "STEWARD_TLS_KEYSTORE_PASSWORD"),
        Duration.ofSeconds(config.getInt("STEWARD_PORTAL_SESSION_IDLE_SECONDS", 1800)),
        Duration.ofSeconds(config.getInt("STEWARD_PORTAL_SESSION_MAX_SECONDS", 8 * 3600)),
        new SignInGuard.Limits(
            config.getInt("STEWARD_SIGNIN_MAX_FAILURES_PER_ACCOUNT", 10),
            config.getInt("STEWARD_SIGNIN_MAX_FAILURES_PER_ADDRESS", 100),
            Duration.ofSeconds(config.getInt("STEWARD_SIGNIN_WINDOW_SECONDS", 300))),
        Duration.ofSeconds(config.getInt("STEWARD_HTTP_HEADER_TIMEOUT_SECONDS", 10)),
        Duration.ofSeconds(config.getInt("STEWARD_HTTP_IDLE_TIMEOUT_SECONDS", 60)),
        config.getInt("STEWARD_HTTP_MAX_CONNECTIONS_PER_CLIENT", 200),
        config.getInt("STEWARD_PORTAL_MAX_SESSIONS_PER_USER", 10),
        secret(config, "STEWARD_JWT_PREVIOUS_SECRET"),
        config.getBoolean("STEWARD_HEALTH_READY_INCLUDES_DEPENDENCIES", false));
  }

  /**
   * The key that signs bearer tokens, from STEWARD_JWT_SECRET or its _FILE. On an external Postgres
   * several instances may serve one database, and each would otherwise sign with a key of its own
   * and refuse the others' tokens: there the key must be given.
   */
  static String jwtSecret(Config config) throws IOException {
    String secret = secret(config, "STEWARD_JWT_SECRET");
    if (secret.isEmpty() && config.get("STEWARD_PG_HOST").isPresent()) {
      throw new IllegalArgumentException(
          "STEWARD_JWT_SECRET (or STEWARD_JWT_SECRET_FILE) must be set when Steward runs on an"
              + " external Postgres: every instance must sign and accept the same tokens");
    }
    return secret;
  }

  /**
   * The key that seals the audit trail, from STEWARD_AUDIT_KEY or its _FILE; on the embedded
   * Postgres one made once and kept with the data. Kept apart from the database on purpose: whoever
   * can write there but does not hold this key cannot forge a record that verifies. On an external
   * Postgres every instance must seal with the same key, so there it must be given.
   */
  static String auditKey(Config config) throws IOException {
    String key = secret(config, "STEWARD_AUDIT_KEY");
    if (key.isEmpty() && config.get("STEWARD_PG_HOST").isPresent()) {
      throw new IllegalArgumentException(
          "STEWARD_AUDIT_KEY (or STEWARD_AUDIT_KEY_FILE) must be set when Steward runs on an"
              + " external Postgres: every instance must seal the audit trail with the same key,"
              + " and the key must not live in the database it protects");
    }
    return key;
  }

  /** A secret from the environment, or from the file named by KEY_FILE. */
  static String secret(Config config, String key) throws IOException {
    var file = config.get(key + "_FILE");
    if (file.isPresent()) {
      return Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).strip();
    }
    return config.get(key, "");
  }

  /** A signing key made once and kept with the data, so tokens outlive a restart. */
  private static String persistentSecret(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    Files.writeString(file, secret, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the file stays as created
    }
    return secret;
  }

  /** Makes the demo's catalog creators, acting as the demo Global administrator. */
  private void seedDemo() throws Exception {
    RequestContext ada =
        new RequestContext(new Actor(new PrincipalId(DEMO_ADMIN_ID), "ada"), "demo-seed");
    for (String id : DEMO_CREATORS.values()) {
      Future<?> added =
          component
              .roleAssignments()
              .assign(
                  ada,
                  new AssignRole(new PrincipalId(id), RoleDefinition.CATALOG_CREATOR, Scope.TENANT))
              .recover(
                  e ->
                      e instanceof DomainException d
                              && d.reason() == DomainException.Reason.ALREADY_ASSIGNED
                          ? Future.succeededFuture()
                          : Future.failedFuture(e));
      added.await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Runs {@code work} every {@code seconds} (0: never); a round still going when the next is due is
   * not doubled, and a failed round is logged and tried again at the next tick.
   */
  private void every(int seconds, String what, java.util.function.Supplier<Future<?>> work) {
    if (seconds <= 0) {
      return;
    }
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean();
    long timer =
        vertx.setPeriodic(
            seconds * 1000L,
            id -> {
              if (running.compareAndSet(false, true)) {
                work.get()
                    .onFailure(
                        e ->
                            // An outage is logged once, by the dependency watch, not every tick.
                            LOG.log(
                                e
                                        instanceof
                                        dev.steward.application.port.out
                                            .DependencyUnavailableException
                                    ? System.Logger.Level.DEBUG
                                    : System.Logger.Level.WARNING,
                                what + " failed: " + e.getMessage()))
                    .onComplete(done -> running.set(false));
              }
            });
    resources.add(() -> vertx.cancelTimer(timer));
  }

  /** Sends the mails that are due now, as the sender's timer would; for tests and tools. */
  public dev.steward.application.port.in.notifications.SendNotificationsUseCase.Outcome
      sendNotifications() throws Exception {
    return component.notifications().sendDue().await(60, TimeUnit.SECONDS);
  }

  /** Sends the webhooks that are due now, as the sender's timer would; for tests and tools. */
  public dev.steward.application.port.in.extensions.RunCustomExtensionsUseCase.Outcome
      sendWebhooks() throws Exception {
    return component.webhooks().sendDue().await(60, TimeUnit.SECONDS);
  }

  /** Ends the requests whose custom extension did not answer in time, as the timer would. */
  public int timeOutCustomExtensions() throws Exception {
    return component.webhooks().timeOutWaiting().await(60, TimeUnit.SECONDS);
  }

  /**
   * Reads the webhook settings: the allow-list (none: custom extensions cannot be created, said
   * once), plain http only when asked for by name, and a trust store that must load.
   */
  static WebhookConfig webhooks(Config config) throws IOException {
    List<String> allowed = config.getList("STEWARD_WEBHOOK_ALLOWED_URLS", List.of());
    boolean plainHttp = config.getBoolean("STEWARD_WEBHOOK_ALLOW_PLAIN_HTTP", false);
    var targets = new dev.steward.application.service.extensions.WebhookTargets(allowed, plainHttp);
    if (targets.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "No STEWARD_WEBHOOK_ALLOWED_URLS: custom extensions cannot be created or called");
    }
    Path trustStore = config.get("STEWARD_WEBHOOK_TRUST_STORE").map(Path::of).orElse(null);
    String password = secret(config, "STEWARD_WEBHOOK_TRUST_STORE_PASSWORD");
    if (trustStore != null) {
      try (var in = Files.newInputStream(trustStore)) {
        java.security.KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
      } catch (IOException | java.security.GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "STEWARD_WEBHOOK_TRUST_STORE "
                + trustStore
                + " cannot be read as PKCS#12: "
                + e.getMessage());
      }
    }
    var settings =
        new dev.steward.adapter.webhook.WebhookSettings(
            trustStore,
            password,
            Duration.ofSeconds(config.getInt("STEWARD_WEBHOOK_TIMEOUT_SECONDS", 30)));
    int interval = config.getInt("STEWARD_WEBHOOK_INTERVAL_SECONDS", 10);
    if (!targets.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "Custom extensions may call " + targets + " (" + settings + ")");
    }
    return new WebhookConfig(targets, settings, interval);
  }

  /** Reads the mail settings; without STEWARD_SMTP_HOST notifications are off, said once. */
  static NotificationConfig notifications(Config config, HttpSettings http) throws IOException {
    String portal =
        config.get(
            "STEWARD_PORTAL_URL",
            (http.https() ? "https://" : "http://") + http.host() + ":" + http.port() + "/portal/");
    if (!portal.startsWith("https://") && !portal.startsWith("http://")) {
      throw new IllegalArgumentException(
          "STEWARD_PORTAL_URL must be an http or https address, not '" + portal + "'");
    }
    int interval = config.getInt("STEWARD_NOTIFICATION_INTERVAL_SECONDS", 10);
    var host = config.get("STEWARD_SMTP_HOST");
    if (host.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "No STEWARD_SMTP_HOST: notifications are off; nobody is mailed about requests,"
              + " approvals or access");
      return new NotificationConfig(java.util.Optional.empty(), portal, interval);
    }
    String tlsName = config.get("STEWARD_SMTP_TLS", "none").toLowerCase(java.util.Locale.ROOT);
    dev.steward.adapter.mail.MailSettings.Tls tls =
        switch (tlsName) {
          case "none" -> dev.steward.adapter.mail.MailSettings.Tls.NONE;
          case "starttls" -> dev.steward.adapter.mail.MailSettings.Tls.STARTTLS;
          case "smtps" -> dev.steward.adapter.mail.MailSettings.Tls.SMTPS;
          default ->
              throw new IllegalArgumentException(
                  "STEWARD_SMTP_TLS must be none, starttls or smtps, not '" + tlsName + "'");
        };
    int defaultPort =
        switch (tls) {
          case NONE -> 25;
          case STARTTLS -> 587;
          case SMTPS -> 465;
        };
    String from =
        config
            .get("STEWARD_SMTP_FROM")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "STEWARD_SMTP_FROM must name the sender address when STEWARD_SMTP_HOST is"
                            + " set"));
    var templates = config.get("STEWARD_MAIL_TEMPLATES_DIR").map(Path::of).orElse(null);
    var settings =
        new dev.steward.adapter.mail.MailSettings(
            host.get(),
            config.getInt("STEWARD_SMTP_PORT", defaultPort),
            from,
            config.get("STEWARD_SMTP_USERNAME", ""),
            secret(config, "STEWARD_SMTP_PASSWORD"),
            tls,
            templates);
    LOG.log(System.Logger.Level.INFO, "Notifications are sent through " + settings);
    return new NotificationConfig(java.util.Optional.of(settings), portal, interval);
  }

  /** Runs the due work now, as the timer would; for tests and operators' tools. */
  public dev.steward.application.port.in.duework.RunDueWorkUseCase.Outcome runDueWork()
      throws Exception {
    return component.dueWork().runDue().await(60, TimeUnit.SECONDS);
  }

  public int port() {
    return server.port();
  }

  /** How many authorizations the held-role cache has answered, for tests and the benchmark. */
  public double heldRoleCacheHits() {
    return component.heldRoleCache().hits();
  }

  /** How many answers were given from memory beside the held roles (decision 0029), for tests. */
  public double rememberedAnswerHits() {
    return component.heldRoleCache().rememberedHits();
  }

  /** How many audit pages and counts were given from memory (decision 0030), for tests. */
  public double rememberedAuditHits() {
    return component.heldRoleCache().auditHits();
  }

  /** Whether Vert.x runs on Netty's native epoll transport (decision 0032), for tests. */
  public boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  /** Where {@code /metrics} is served, or -1. */
  public int managementPort() {
    return server.managementPort();
  }

  /** The embedded Postgres, when Steward started one; tests stop it to see readiness fall. */
  java.util.Optional<EmbeddedPostgresServer> embeddedPostgres() {
    return resources.stream()
        .filter(EmbeddedPostgresServer.class::isInstance)
        .map(EmbeddedPostgresServer.class::cast)
        .findFirst();
  }

  public boolean usesDemoDirectory() {
    return demoDirectory;
  }

  /**
   * Stops gracefully: readiness fails at once; requests are still served for the grace period (the
   * time a load balancer needs to notice); then the listener closes and requests in flight finish
   * (up to the shutdown timeout) before the pools and the directory connections close.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return; // closed already (an explicit close and the shutdown hook may both call)
    }
    if (server != null) {
      component.api().drain();
      if (!shutdownGrace.isZero()) {
        quietly(() -> Thread.sleep(shutdownGrace.toMillis()));
      }
      long timeout = Math.max(1, shutdownTimeout.toSeconds());
      quietly(() -> server.stop(timeout).await(timeout + 5, TimeUnit.SECONDS));
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "while shutting down: " + e.getMessage());
      }
    }
    if (vertx != null) {
      quietly(() -> vertx.close().await(15, TimeUnit.SECONDS));
    }
  }

  private static void quietly(AutoCloseable step) {
    try {
      step.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "while shutting down: " + e.getMessage());
    }
  }
}
