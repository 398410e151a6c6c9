-- Catalogs listed by display name ($orderby=displayName): case-insensitive, then id, the keyset
-- the listing pages on.
CREATE INDEX catalog_name_order ON catalog (lower(display_name), id);
