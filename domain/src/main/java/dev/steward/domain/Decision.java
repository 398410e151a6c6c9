package dev.steward.domain;

import java.util.List;

/** The outcome of a permission check, with the held roles that allow it (empty when refused). */
public record Decision(Task task, Scope scope, boolean allowed, List<HeldRole> grantedBy) {
  public Decision {
    grantedBy = List.copyOf(grantedBy);
  }

  /** Throws the refusal that the HTTP layer maps to 403 when the task is not allowed. */
  public void orThrow() {
    if (!allowed) {
      throw new DomainException(
          DomainException.Reason.NOT_AUTHORIZED,
          "The caller is not allowed to " + task.apiName() + " in scope '" + scope.value() + "'");
    }
  }
}
