package dev.steward.adapter.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Entry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Disabled accounts and last logons, from each directory's own attributes. */
class AccountStatesTest {
  private static Entry entry(String... attributes) {
    Entry e = new Entry("uid=u,ou=people,dc=example,dc=org");
    for (int i = 0; i < attributes.length; i += 2) {
      e.addAttribute(attributes[i], attributes[i + 1]);
    }
    return e;
  }

  @Test
  void activeDirectoryMarksADisabledAccountWithBitTwoOfUserAccountControl() {
    assertTrue(AccountStates.of(entry("userAccountControl", "514")).disabled());
    assertFalse(AccountStates.of(entry("userAccountControl", "512")).disabled());
  }

  @Test
  void openLdapAndThreeEightNineMarkItWithALockAttribute() {
    assertTrue(AccountStates.of(entry("pwdAccountLockedTime", "000001010000Z")).disabled());
    assertTrue(AccountStates.of(entry("nsAccountLock", "TRUE")).disabled());
    assertFalse(AccountStates.of(entry("nsAccountLock", "false")).disabled());
    assertFalse(AccountStates.of(entry()).disabled());
  }

  @Test
  void lastLogonTimestampIsAWindowsFiletime() {
    // 2024-01-01T00:00:00Z is 133485408000000000 ticks of 100 ns since 1601-01-01.
    assertEquals(
        Optional.of(Instant.parse("2024-01-01T00:00:00Z")),
        AccountStates.of(entry("lastLogonTimestamp", "133485408000000000")).lastLogon());
    assertEquals(Optional.empty(), AccountStates.of(entry("lastLogonTimestamp", "0")).lastLogon());
    assertEquals(Optional.empty(), AccountStates.of(entry()).lastLogon());
  }
}
