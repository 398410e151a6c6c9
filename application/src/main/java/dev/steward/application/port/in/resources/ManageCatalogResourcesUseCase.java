package dev.steward.application.port.in.resources;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.CatalogId;
import dev.steward.domain.CatalogResource;
import dev.steward.domain.DomainException;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.ResourceId;
import dev.steward.domain.ResourceRole;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Add directory groups to a catalog as resources, remove them, and list what a catalog holds. */
public interface ManageCatalogResourcesUseCase {
  /** Graph's resource request types. */
  enum RequestType {
    ADMIN_ADD("adminAdd"),
    ADMIN_REMOVE("adminRemove");

    private final String apiName;

    RequestType(String apiName) {
      this.apiName = apiName;
    }

    public String apiName() {
      return apiName;
    }

    public static RequestType parse(String value) {
      for (RequestType t : values()) {
        if (t.apiName.equals(value)) {
          return t;
        }
      }
      throw DomainException.invalid("requestType", "'requestType' must be adminAdd or adminRemove");
    }
  }

  /** Add or remove the group {@code originId} in a catalog. */
  record ResourceRequest(RequestType type, CatalogId catalog, PrincipalId originId) {}

  /** A request carried out at once. */
  record ResourceRequestResult(
      String id, RequestType type, CatalogResource resource, Instant createdDateTime) {}

  /** One role a catalog resource offers. */
  record ResourceRoleView(CatalogResource resource, ResourceRole role) {}

  Future<ResourceRequestResult> request(RequestContext ctx, ResourceRequest request);

  Future<List<CatalogResource>> resources(RequestContext ctx, CatalogId catalog);

  Future<List<ResourceRoleView>> resourceRoles(
      RequestContext ctx, CatalogId catalog, Optional<ResourceId> resource);
}
