package dev.steward.application.port.in.delegation;

/**
 * Told when role assignments (and the tables read with them) change, or audit records are written,
 * outside this process (another Steward instance, an operator's SQL), so what this process
 * remembers of them can be dropped.
 */
public interface ObserveRoleChangesUseCase {
  /** Some role assignment was added or removed somewhere. */
  void rolesChanged();

  /** Some audit record was written somewhere. */
  void auditWritten();

  /**
   * Whether changes made elsewhere are being reported. While they are not (at start, or while the
   * connection that reports them is down), nothing is remembered.
   */
  void feedConnected(boolean connected);
}
