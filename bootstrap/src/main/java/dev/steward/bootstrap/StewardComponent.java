package dev.steward.bootstrap;

import dagger.BindsInstance;
import dagger.Component;
import dev.steward.adapter.http.HttpSettings;
import dev.steward.adapter.http.StewardHttpServer;
import dev.steward.adapter.ldap.LdapDirectory;
import dev.steward.adapter.ldap.LdapSettings;
import dev.steward.adapter.postgres.PostgresSettings;
import dev.steward.application.port.in.delegation.ManageRoleAssignmentsUseCase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import javax.inject.Singleton;

/** The one place that knows every adapter: wires ports to adapters and use cases to the API. */
@Singleton
@Component(
    modules = {
      PostgresModule.class,
      LdapModule.class,
      MailModule.class,
      WebhookModule.class,
      ApplicationModule.class,
      ReviewModule.class,
      HttpModule.class
    })
public interface StewardComponent {
  StewardHttpServer httpServer();

  dev.steward.adapter.http.StewardApi api();

  Pool pool();

  LdapDirectory ldapDirectory();

  ManageRoleAssignmentsUseCase roleAssignments();

  dev.steward.application.service.duework.DueWorkService dueWork();

  dev.steward.application.service.HeldRoleCache heldRoleCache();

  dev.steward.application.service.notifications.NotificationService notifications();

  dev.steward.application.port.out.notifications.Mailer mailer();

  dev.steward.application.service.sessions.PortalSessionService portalSessions();

  dev.steward.adapter.postgres.PgPoolUsage postgresUsage();

  PostgresSettings postgresSettings();

  Instance instance();

  dev.steward.application.service.extensions.WebhookService webhooks();

  dev.steward.adapter.webhook.VertxWebhookSender webhookSender();

  /** Builds the graph from the resolved settings and the running Vert.x instance. */
  @Component.Factory
  interface Factory {
    StewardComponent create(
        @BindsInstance Vertx vertx,
        @BindsInstance Instance instance,
        @BindsInstance PostgresSettings postgres,
        @BindsInstance dev.steward.adapter.postgres.AuditSeal auditSeal,
        @BindsInstance LdapSettings ldap,
        @BindsInstance HttpSettings http,
        @BindsInstance dev.steward.application.port.out.Clock clock,
        @BindsInstance io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics,
        @BindsInstance dev.steward.adapter.http.AccessLog accessLog,
        @BindsInstance dev.steward.application.service.HeldRoleCache heldRoleCache,
        @BindsInstance NotificationConfig notifications,
        @BindsInstance AutomationConfig automation,
        @BindsInstance ReviewConfig reviews,
        @BindsInstance WebhookConfig webhooks);
  }
}
