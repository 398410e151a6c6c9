package dev.steward.application.service.directory;

import dev.steward.application.port.in.Actor;
import dev.steward.application.port.in.RequestContext;
import dev.steward.application.port.in.directory.AuthenticateUseCase;
import dev.steward.application.port.in.directory.BrowseDirectoryUseCase;
import dev.steward.application.port.out.directory.Directory;
import dev.steward.application.port.out.directory.DirectoryPage;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.domain.DomainException;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import io.vertx.core.Future;
import java.util.Optional;

/** Directory reads for signed-in users, and sign-in itself. */
public final class DirectoryService implements BrowseDirectoryUseCase, AuthenticateUseCase {
  public static final int MAX_SEARCH = 200;
  private final Directory directory;

  public DirectoryService(Directory directory) {
    this.directory = directory;
  }

  @Override
  public Future<Principal> me(RequestContext ctx) {
    return get(ctx, PrincipalType.USER, ctx.actor().userId());
  }

  @Override
  public Future<Principal> get(RequestContext ctx, PrincipalType type, PrincipalId id) {
    return directory
        .find(id)
        .map(
            found ->
                found
                    .filter(p -> p.type() == type)
                    .orElseThrow(
                        () ->
                            DomainException.notFound(
                                DomainException.Reason.PRINCIPAL_NOT_FOUND,
                                type == PrincipalType.USER ? "User" : "Group",
                                id.value())));
  }

  @Override
  public Future<DirectoryPage> list(RequestContext ctx, DirectoryQuery query) {
    if (query.limit() < 1 || query.limit() > MAX_SEARCH) {
      throw DomainException.invalid("$top", "'$top' must be between 1 and " + MAX_SEARCH);
    }
    return directory.list(query);
  }

  @Override
  public Future<Optional<Actor>> withPassword(String login, String password) {
    if (login == null || login.isEmpty() || password == null || password.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return directory
        .authenticate(login, password)
        .map(found -> found.filter(Principal::isUser).map(p -> new Actor(p.id(), p.login())));
  }

  @Override
  public Future<Optional<Actor>> bySubject(PrincipalId userId) {
    return directory
        .find(userId)
        .map(found -> found.filter(Principal::isUser).map(p -> new Actor(p.id(), p.login())));
  }
}
