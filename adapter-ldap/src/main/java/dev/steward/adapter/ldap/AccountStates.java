package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.Entry;
import dev.steward.application.port.out.directory.Directory.AccountState;
import java.time.Instant;
import java.util.Optional;

/** An account's disabled flag and last logon, from whichever attributes the directory keeps. */
final class AccountStates {
  /** AD's ACCOUNTDISABLE flag in {@code userAccountControl}. */
  static final long ACCOUNT_DISABLE = 0x2;

  /** Seconds from 1601-01-01 (Windows FILETIME's epoch) to 1970-01-01. */
  static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;

  private AccountStates() {}

  static AccountState of(Entry e) {
    if (e == null) {
      return new AccountState(false, Optional.empty());
    }
    boolean disabled = false;
    Long uac = e.getAttributeValueAsLong("userAccountControl");
    if (uac != null && (uac & ACCOUNT_DISABLE) != 0) {
      disabled = true;
    }
    if ("true".equalsIgnoreCase(e.getAttributeValue("nsAccountLock"))) {
      disabled = true;
    }
    if (e.hasAttribute("pwdAccountLockedTime")) {
      disabled = true;
    }
    Long logon = e.getAttributeValueAsLong("lastLogonTimestamp");
    return new AccountState(
        disabled, Optional.ofNullable(logon).filter(l -> l > 0).map(AccountStates::fromFiletime));
  }

  /** A Windows FILETIME (100 ns ticks since 1601) as an instant. */
  static Instant fromFiletime(long ticks) {
    long seconds = ticks / 10_000_000L - FILETIME_EPOCH_OFFSET_SECONDS;
    long nanos = (ticks % 10_000_000L) * 100;
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
