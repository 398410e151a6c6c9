package dev.steward.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.steward.adapter.http.HealthCheck;
import dev.steward.adapter.http.HttpSettings;
import dev.steward.adapter.http.SignInGuard;
import dev.steward.adapter.http.StewardApi;
import dev.steward.adapter.http.StewardHttpServer;
import dev.steward.adapter.ldap.LdapDirectory;
import dev.steward.application.port.in.approvals.ApproveRequestsUseCase;
import dev.steward.application.port.in.assignments.ViewAssignmentsUseCase;
import dev.steward.application.port.in.catalogs.ManageCatalogsUseCase;
import dev.steward.application.port.in.delegation.EffectivePermissionsUseCase;
import dev.steward.application.port.in.delegation.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.directory.AuthenticateUseCase;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.application.port.in.packages.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.packages.ManageIncompatibilitiesUseCase;
import dev.steward.application.port.in.policies.ManagePoliciesUseCase;
import dev.steward.application.port.in.requests.FindRequestablePackagesUseCase;
import dev.steward.application.port.in.requests.RequestAccessUseCase;
import dev.steward.application.port.in.requests.ViewRequestsUseCase;
import dev.steward.application.port.in.resources.ManageCatalogResourcesUseCase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import javax.inject.Singleton;

/** The HTTP API over the use cases, with readiness checks on Postgres and LDAP. */
@Module
final class HttpModule {
  private HttpModule() {}

  @Provides
  @Singleton
  static StewardApi api(
      Vertx vertx,
      HttpSettings settings,
      ManageCatalogsUseCase catalogs,
      ManageCatalogResourcesUseCase resources,
      ManageAccessPackagesUseCase accessPackages,
      ManagePoliciesUseCase policies,
      ManageIncompatibilitiesUseCase incompatibilities,
      RequestAccessUseCase requests,
      ViewRequestsUseCase viewRequests,
      FindRequestablePackagesUseCase requestable,
      ApproveRequestsUseCase approvals,
      ViewAssignmentsUseCase assignments,
      ManageRoleAssignmentsUseCase roleAssignments,
      ListRoleDefinitionsUseCase roleDefinitions,
      EffectivePermissionsUseCase permissions,
      BrowseDirectoryUseCase directory,
      AuthenticateUseCase authenticate,
      dev.steward.application.port.in.audit.ReadAuditLogUseCase auditLog,
      dev.steward.application.port.in.sessions.PortalSessionsUseCase sessions,
      dev.steward.application.port.in.reviews.ManageAccessReviewsUseCase accessReviews,
      dev.steward.application.port.in.reviews.DecideAccessReviewsUseCase reviewDecisions,
      dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase customExtensions,
      dev.steward.application.port.in.extensions.ResumeRequestsUseCase resumes,
      Pool pool,
      LdapDirectory ldap,
      dev.steward.adapter.http.AccessLog accessLog,
      io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry) {
    List<HealthCheck> checks =
        List.of(
            new HealthCheck("postgres", () -> pool.query("SELECT 1").execute().map(rows -> true)),
            new HealthCheck("ldap", ldap::isReachable));
    return new StewardApi(
        vertx,
        new StewardApi.UseCases(
            catalogs,
            resources,
            accessPackages,
            policies,
            incompatibilities,
            requests,
            viewRequests,
            requestable,
            approvals,
            assignments,
            roleAssignments,
            roleDefinitions,
            permissions,
            directory,
            authenticate,
            auditLog,
            sessions,
            accessReviews,
            reviewDecisions,
            customExtensions,
            resumes),
        settings,
        checks,
        accessLog,
        new SignInGuard(settings.signIn(), signInFailures(registry)));
  }

  /** Portal sessions in Postgres, with the limits the HTTP settings give. */
  @Provides
  @Singleton
  static dev.steward.application.service.sessions.PortalSessionService portalSessions(
      dev.steward.application.port.out.Transactions transactions,
      dev.steward.application.port.out.Clock clock,
      HttpSettings settings) {
    return new dev.steward.application.service.sessions.PortalSessionService(
        transactions,
        clock,
        settings.sessionIdle(),
        settings.sessionMaxAge(),
        settings.maxSessionsPerUser());
  }

  @Provides
  static dev.steward.application.port.in.sessions.PortalSessionsUseCase sessionsUseCase(
      dev.steward.application.service.sessions.PortalSessionService service) {
    return service;
  }

  /** Counts refused sign-ins by endpoint and reason; every series exists from the start. */
  private static java.util.function.BiConsumer<String, String> signInFailures(
      io.micrometer.core.instrument.MeterRegistry registry) {
    java.util.function.BiFunction<String, String, io.micrometer.core.instrument.Counter> counter =
        (endpoint, reason) ->
            io.micrometer.core.instrument.Counter.builder("steward.signin.failures")
                .description("Sign-ins refused: wrong credentials, or throttled after too many")
                .tag("endpoint", endpoint)
                .tag("reason", reason)
                .register(registry);
    for (String endpoint : List.of("basic", "token", "portal")) {
      for (String reason : List.of("badCredentials", "throttled")) {
        counter.apply(endpoint, reason);
      }
    }
    return (endpoint, reason) -> counter.apply(endpoint, reason).increment();
  }

  @Provides
  @Singleton
  static StewardHttpServer server(
      Vertx vertx,
      StewardApi api,
      HttpSettings settings,
      io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics) {
    return new StewardHttpServer(vertx, api, settings, metrics::scrape);
  }
}
