package dev.steward.bootstrap;

import dagger.Module;
import dagger.Provides;
import dev.steward.adapter.http.HealthCheck;
import dev.steward.adapter.http.HttpSettings;
import dev.steward.adapter.http.StewardApi;
import dev.steward.adapter.http.StewardHttpServer;
import dev.steward.adapter.ldap.LdapDirectory;
import dev.steward.application.port.in.ApproveRequestsUseCase;
import dev.steward.application.port.in.AuthenticateUseCase;
import dev.steward.application.port.in.BrowseDirectoryUseCase;
import dev.steward.application.port.in.EffectivePermissionsUseCase;
import dev.steward.application.port.in.ListRoleDefinitionsUseCase;
import dev.steward.application.port.in.ManageAccessPackagesUseCase;
import dev.steward.application.port.in.ManageCatalogResourcesUseCase;
import dev.steward.application.port.in.ManageCatalogsUseCase;
import dev.steward.application.port.in.ManagePoliciesUseCase;
import dev.steward.application.port.in.ManageRoleAssignmentsUseCase;
import dev.steward.application.port.in.RequestAccessUseCase;
import dev.steward.application.port.in.ViewAssignmentsUseCase;
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
      RequestAccessUseCase requests,
      ApproveRequestsUseCase approvals,
      ViewAssignmentsUseCase assignments,
      ManageRoleAssignmentsUseCase roleAssignments,
      ListRoleDefinitionsUseCase roleDefinitions,
      EffectivePermissionsUseCase permissions,
      BrowseDirectoryUseCase directory,
      AuthenticateUseCase authenticate,
      Pool pool,
      LdapDirectory ldap,
      dev.steward.adapter.http.AccessLog accessLog) {
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
            requests,
            approvals,
            assignments,
            roleAssignments,
            roleDefinitions,
            permissions,
            directory,
            authenticate),
        settings,
        checks,
        accessLog);
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
