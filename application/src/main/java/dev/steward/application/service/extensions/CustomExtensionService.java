package dev.steward.application.service.extensions;

import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.extensions.ManageCustomExtensionsUseCase;
import dev.steward.application.port.out.UnitOfWork;
import dev.steward.application.port.out.extensions.StandardWebhooks;
import dev.steward.application.service.Essentials;
import dev.steward.application.service.Lookups;
import dev.steward.application.service.ServiceBase;
import dev.steward.domain.Catalog;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CustomExtension;
import dev.steward.domain.DomainException;
import dev.steward.domain.Task;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalog's custom extensions. Those who manage the catalog's policies (its owners and access
 * package managers) create, change and delete them; its readers read them. The target must be on
 * the operator's allow-list; the signing secret is made here and shown once, in the answer to the
 * creation, and is in no audit record.
 */
public final class CustomExtensionService extends ServiceBase
    implements ManageCustomExtensionsUseCase {
  private final WebhookTargets targets;

  public CustomExtensionService(Essentials essentials, WebhookTargets targets) {
    super(essentials);
    this.targets = targets;
  }

  @Override
  public Future<Page<CustomExtension>> list(
      RequestContext ctx, CatalogId catalog, String afterId, int limit) {
    return transactions.read(
        uow ->
            authorizedCatalog(ctx, uow, catalog, Task.VIEW_CATALOG)
                .compose(c -> uow.customExtensions().list(catalog, afterId, limit + 1))
                .map(found -> Page.of(found, limit, CustomExtension::id)));
  }

  @Override
  public Future<CustomExtension> get(RequestContext ctx, CatalogId catalog, String id) {
    return transactions.read(
        uow ->
            authorizedCatalog(ctx, uow, catalog, Task.VIEW_CATALOG)
                .compose(c -> extension(uow, catalog, id)));
  }

  @Override
  public Future<CustomExtension> create(RequestContext ctx, CatalogId catalog, Draft draft) {
    String url = targets.require("endpointConfiguration.targetUrl", draft.targetUrl());
    Instant now = clock.now();
    CustomExtension x =
        new CustomExtension(
            ids.newId(),
            catalog,
            draft.kind(),
            draft.displayName(),
            draft.description(),
            url,
            draft.callbackTimeout(),
            StandardWebhooks.newSecret(),
            ctx.actor().login(),
            now,
            ctx.actor().login(),
            now);
    return transactions.inTransaction(
        uow ->
            authorizedCatalog(ctx, uow, catalog, Task.MANAGE_POLICIES)
                .compose(c -> uow.customExtensions().insert(x))
                .compose(
                    ok ->
                        audited(
                            ctx,
                            uow,
                            "customExtension.create",
                            "customExtension",
                            x.id(),
                            null,
                            snapshot(x)))
                .map(x));
  }

  @Override
  public Future<CustomExtension> update(
      RequestContext ctx, CatalogId catalog, String id, Change change) {
    change.targetUrl().ifPresent(u -> targets.require("endpointConfiguration.targetUrl", u));
    return transactions.inTransaction(
        uow ->
            authorizedCatalog(ctx, uow, catalog, Task.MANAGE_POLICIES)
                .compose(c -> extension(uow, catalog, id))
                .compose(
                    before -> {
                      CustomExtension after =
                          new CustomExtension(
                              before.id(),
                              before.catalogId(),
                              before.kind(),
                              change.displayName().orElse(before.displayName()),
                              change.description().orElse(before.description()),
                              change
                                  .targetUrl()
                                  .map(u -> targets.require("endpointConfiguration.targetUrl", u))
                                  .orElse(before.targetUrl()),
                              change
                                  .callbackTimeout()
                                  .map(t -> t.orElse(null))
                                  .orElse(before.callbackTimeout()),
                              before.signingSecret(),
                              before.createdBy(),
                              before.createdDateTime(),
                              ctx.actor().login(),
                              clock.now());
                      return uow.customExtensions()
                          .update(after)
                          .compose(
                              ok ->
                                  audited(
                                      ctx,
                                      uow,
                                      "customExtension.update",
                                      "customExtension",
                                      id,
                                      snapshot(before),
                                      snapshot(after)))
                          .map(after);
                    }));
  }

  @Override
  public Future<Void> delete(RequestContext ctx, CatalogId catalog, String id) {
    return transactions.inTransaction(
        uow ->
            authorizedCatalog(ctx, uow, catalog, Task.MANAGE_POLICIES)
                .compose(c -> extension(uow, catalog, id))
                .compose(
                    x ->
                        uow.customExtensions()
                            .attached(id)
                            .compose(
                                inUse -> {
                                  if (inUse) {
                                    throw new DomainException(
                                        DomainException.Reason.RESOURCE_IN_USE,
                                        "A policy still calls custom extension '"
                                            + id
                                            + "'; take it out of the policy's"
                                            + " customExtensionStageSettings first");
                                  }
                                  return uow.customExtensions().delete(id);
                                })
                            .compose(
                                ok ->
                                    audited(
                                        ctx,
                                        uow,
                                        "customExtension.delete",
                                        "customExtension",
                                        id,
                                        snapshot(x),
                                        null))));
  }

  private Future<Catalog> authorizedCatalog(
      RequestContext ctx, UnitOfWork uow, CatalogId catalog, Task task) {
    return Lookups.catalog(uow.catalogs().find(catalog), catalog)
        .compose(
            c -> access.require(ctx.actor(), uow.roleAssignments(), task, c.scope()).map(ok -> c));
  }

  private static Future<CustomExtension> extension(UnitOfWork uow, CatalogId catalog, String id) {
    if (!dev.steward.domain.Guid.isValid(id)) {
      return Future.failedFuture(notFound(id));
    }
    return uow.customExtensions()
        .find(id)
        .map(
            found ->
                found.filter(x -> x.catalogId().equals(catalog)).orElseThrow(() -> notFound(id)));
  }

  private static DomainException notFound(String id) {
    return DomainException.notFound(
        DomainException.Reason.RESOURCE_NOT_FOUND, "Custom extension", id);
  }

  /** What the audit trail keeps of an extension: everything but its secret. */
  static Map<String, Object> snapshot(CustomExtension x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", x.id());
    m.put("catalogId", x.catalogId().value());
    m.put("type", x.kind().odataType());
    m.put("displayName", x.displayName());
    m.put("description", x.description());
    m.put("targetUrl", x.targetUrl());
    m.put("timeoutDuration", x.callbackTimeout() == null ? null : x.callbackTimeout().toString());
    return m;
  }
}
