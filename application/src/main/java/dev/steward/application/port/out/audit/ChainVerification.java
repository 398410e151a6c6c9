package dev.steward.application.port.out.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * What a walk along the audit trail's chain of seals found.
 *
 * @param sealedRecords the records whose seals were checked and held, up to the first break
 * @param legacyRecords the records written before the chain began, which carry no seal
 * @param head the last link that held: hand its hash to someone outside, so that cutting off the
 *     end of the trail is noticed too
 * @param firstBreak the first place where the chain does not hold, if there is one
 */
public record ChainVerification(
    long sealedRecords, long legacyRecords, Optional<Link> head, Optional<Break> firstBreak) {

  /** True when every link held and no record lacks its seal. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }

  /** One link of the chain: its position, its record and its hash (base64). */
  public record Link(long position, String recordId, Instant at, String hash) {}

  /**
   * Where and why the chain breaks.
   *
   * @param position the position of the link that failed, or 0 for a record with no link at all
   * @param recordId the record concerned, or null when the link names no record there is
   */
  public record Break(long position, String recordId, String reason) {}
}
