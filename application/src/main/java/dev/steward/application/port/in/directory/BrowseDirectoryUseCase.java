package dev.steward.application.port.in.directory;

import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.out.directory.DirectoryPage;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import io.vertx.core.Future;

/** Read users and groups from the directory, for pickers and for "me". */
public interface BrowseDirectoryUseCase {
  Future<Principal> me(RequestContext ctx);

  Future<Principal> get(RequestContext ctx, PrincipalType type, PrincipalId id);

  /** One page of the users or groups a query asks for (filters, search, paging). */
  Future<DirectoryPage> list(RequestContext ctx, DirectoryQuery query);
}
