package dev.steward.application.port.in.directory;

import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import io.vertx.core.Future;
import java.util.List;

/** Read users and groups from the directory, for pickers and for "me". */
public interface BrowseDirectoryUseCase {
  Future<Principal> me(RequestContext ctx);

  Future<Principal> get(RequestContext ctx, PrincipalType type, PrincipalId id);

  Future<List<Principal>> search(RequestContext ctx, PrincipalType type, String text, int limit);
}
