package dev.steward.domain;

import java.util.Objects;

/**
 * A refusal the domain expects: the request breaks a rule, names something that does not exist, or
 * the caller may not do it. Each reason has a stable code; the HTTP adapter maps reasons to
 * statuses in one place.
 */
public final class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request was refused, with the stable error code clients see. */
  public enum Reason {
    INVALID_MODEL("InvalidModel"),
    NOT_AUTHORIZED("UnAuthorized"),
    CATALOG_NOT_FOUND("ResourceNotFound"),
    ROLE_ASSIGNMENT_NOT_FOUND("ResourceNotFound"),
    ROLE_NOT_FOUND("RoleNotFound"),
    PRINCIPAL_NOT_FOUND("PrincipalNotFound"),
    ALREADY_ASSIGNED("RoleAssignmentAlreadyExists"),
    LAST_CATALOG_OWNER("LastCatalogOwner"),
    CATALOG_HAS_ACCESS_PACKAGES("InvalidDeleteResourceHasEntitlements"),
    ACCESS_PACKAGE_NOT_FOUND("ResourceNotFound"),
    RESOURCE_NOT_FOUND("ResourceNotFound"),
    POLICY_NOT_FOUND("ResourceNotFound"),
    RESOURCE_NOT_IN_CATALOG("ResourceNotInCatalog"),
    ALREADY_EXISTS("AlreadyExists"),
    RESOURCE_IN_USE("InvalidDeleteResourceHasEntitlements"),
    ACCESS_PACKAGE_HAS_ASSIGNMENTS("InvalidDeleteResourceHasEntitlements"),
    REQUEST_NOT_FOUND("ResourceNotFound"),
    ASSIGNMENT_NOT_FOUND("ResourceNotFound"),
    AUDIT_RECORD_NOT_FOUND("ResourceNotFound"),
    REQUEST_NOT_PENDING("RequestNotPending"),
    NOT_IN_POLICY_SCOPE("RequestorNotInPolicyScope"),
    INCOMPATIBLE_ACCESS("IncompatibleAccess"),
    ALREADY_ASSIGNED_PACKAGE("ExistingAssignment"),
    NO_APPROVER("NoApproverAvailable"),
    REQUEST_NOT_ALLOWED("RequestNotAllowedByPolicy");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Reason reason;
  private final String field;

  public DomainException(Reason reason, String message) {
    this(reason, message, null);
  }

  private DomainException(Reason reason, String message, String field) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason);
    this.field = field;
  }

  /** A malformed or out-of-range field. */
  public static DomainException invalid(String field, String message) {
    return new DomainException(Reason.INVALID_MODEL, message, field);
  }

  public static DomainException notFound(Reason reason, String what, String id) {
    return new DomainException(reason, what + " '" + id + "' was not found");
  }

  public Reason reason() {
    return reason;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
