package dev.steward.application.service.directory;

import static dev.steward.application.fakes.World.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.application.fakes.FakeDirectory;
import dev.steward.application.fakes.World;
import dev.steward.application.port.out.directory.DirectoryPage;
import dev.steward.application.port.out.directory.DirectoryQuery;
import dev.steward.domain.DomainException;
import dev.steward.domain.Guid;
import dev.steward.domain.Principal;
import dev.steward.domain.PrincipalId;
import dev.steward.domain.PrincipalType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrowseDirectoryTest {
  private final FakeDirectory directory = new FakeDirectory();
  private final DirectoryService service = new DirectoryService(directory);
  private final Principal zoe = directory.addUser("zoe", "pw", "Zoe Zed");
  private final Principal amy = directory.addUser("amy", "pw", "amy Archer");
  private final Principal ann = directory.addUser("ann", "pw", "Ann Able");

  private DirectoryPage list(DirectoryQuery query) {
    return await(service.list(World.as(zoe), query));
  }

  @Test
  void aListingIsInDisplayNameOrderWithoutRegardToCaseAndItsCursorContinuesAfterTheLastItem() {
    DirectoryPage first = list(DirectoryQuery.all(PrincipalType.USER, 1));
    assertEquals(List.of(amy), first.items());
    assertEquals(3, first.count());
    DirectoryQuery.Cursor cursor =
        DirectoryQuery.Cursor.decode(first.next().orElseThrow().encode()).orElseThrow();
    DirectoryPage rest = list(DirectoryQuery.all(PrincipalType.USER, 5).after(cursor));
    assertEquals(List.of(ann, zoe), rest.items());
    assertTrue(rest.next().isEmpty());
  }

  @Test
  void aTopOutsideOneTo200IsRefusedNamingIt() {
    for (int top : new int[] {0, 201}) {
      DomainException e =
          assertThrows(
              DomainException.class,
              () -> service.list(World.as(zoe), DirectoryQuery.all(PrincipalType.USER, top)));
      assertTrue(e.getMessage().contains("$top"), e.getMessage());
    }
  }

  @Test
  void moreThanFifteenIdsOrOverlongTextAreRefused() {
    Set<PrincipalId> ids = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      ids.add(new PrincipalId(Guid.random()));
    }
    assertThrows(
        DomainException.class, () -> DirectoryQuery.all(PrincipalType.USER, 5).withIds(ids));
    assertThrows(
        DomainException.class,
        () -> DirectoryQuery.all(PrincipalType.USER, 5).withDisplayName("x".repeat(257)));
  }

  @Test
  void aCursorIsReadOnlyFromTheTextItWasWrittenAs() {
    assertEquals(Optional.empty(), DirectoryQuery.Cursor.decode("not a cursor"));
    assertEquals(Optional.empty(), DirectoryQuery.Cursor.decode(Guid.random()));
    DirectoryQuery.Cursor odd = new DirectoryQuery.Cursor("a:b*(c)\\", ann.id());
    assertEquals(Optional.of(odd), DirectoryQuery.Cursor.decode(odd.encode()));
  }
}
