package dev.steward.application.service;

import dev.steward.application.port.out.Clock;
import dev.steward.application.port.out.IdGenerator;
import dev.steward.application.port.out.Transactions;
import dev.steward.application.port.out.directory.Directory;

/**
 * The ports and checks every use case works with, handed to each service in one piece.
 *
 * @param mailOn whether changes record mails in the outbox (off when no SMTP server is set)
 */
public record Essentials(
    Transactions transactions,
    AccessControl access,
    Directory directory,
    Clock clock,
    IdGenerator ids,
    boolean mailOn) {
  /** With mail on. */
  public Essentials(
      Transactions transactions,
      AccessControl access,
      Directory directory,
      Clock clock,
      IdGenerator ids) {
    this(transactions, access, directory, clock, ids, true);
  }
}
