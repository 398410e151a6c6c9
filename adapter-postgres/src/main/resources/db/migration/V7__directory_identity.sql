-- Where principal ids come from (the directory's id attribute and its format). Every row that
-- names a user or group holds such an id: reading ids from another attribute would orphan them,
-- so Steward refuses to start when this changes under existing rows (decision 0017).
CREATE TABLE directory_identity (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  id_source text NOT NULL
);
