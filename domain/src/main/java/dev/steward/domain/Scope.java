package dev.steward.domain;

import java.util.Optional;

/** Where a role applies: the whole tenant ({@code /}) or one catalog. */
public record Scope(String value) {
  public static final String CATALOG_PREFIX = "/AccessPackageCatalog/";
  public static final Scope TENANT = new Scope("/");

  public Scope {
    if (value == null) {
      throw DomainException.invalid("appScopeId", "'appScopeId' is required");
    }
    if (!value.equals("/")) {
      if (!value.startsWith(CATALOG_PREFIX)
          || !Guid.isValid(value.substring(CATALOG_PREFIX.length()))) {
        throw DomainException.invalid(
            "appScopeId", "'appScopeId' must be '/' or '/AccessPackageCatalog/{catalogId}'");
      }
      value = CATALOG_PREFIX + value.substring(CATALOG_PREFIX.length()).toLowerCase();
    }
  }

  public static Scope parse(String value) {
    return new Scope(value);
  }

  public static Scope of(CatalogId catalog) {
    return new Scope(CATALOG_PREFIX + catalog.value());
  }

  public boolean isTenant() {
    return value.equals("/");
  }

  public Optional<CatalogId> catalogId() {
    return isTenant()
        ? Optional.empty()
        : Optional.of(new CatalogId(value.substring(CATALOG_PREFIX.length())));
  }

  @Override
  public String toString() {
    return value;
  }
}
