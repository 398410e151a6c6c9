package dev.steward.adapter.postgres;

import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * A list query whose WHERE clause names only the conditions the caller gave. Each condition is a
 * constant fragment written in this package, with {@code ?} where its parameter goes; input only
 * ever travels as parameters. A statement per combination lets Postgres plan each with the right
 * index — a catch-all {@code ($1 IS NULL OR col = ANY($1))} statement gets a generic plan that
 * cannot, and then walks the whole table in id order to find a few rows.
 */
final class Filtered {
  private final StringBuilder sql;
  private final Tuple params = Tuple.tuple();

  Filtered(String selectFrom) {
    this.sql = new StringBuilder(selectFrom).append(" WHERE true");
  }

  /** Adds {@code AND fragment}, its {@code ?} bound to {@code value}, when the value is present. */
  Filtered and(String fragment, Optional<?> value) {
    value.ifPresent(v -> and(fragment, v));
    return this;
  }

  /** Adds {@code AND fragment} with {@code ?} bound to {@code value}; nothing when it is null. */
  Filtered and(String fragment, Object value) {
    if (value == null) {
      return this;
    }
    params.addValue(value);
    sql.append(" AND ").append(fragment.replace("?", "$" + params.size()));
    return this;
  }

  /** Adds {@code AND fragment}, its {@code ?}s bound to {@code values} in order. */
  Filtered andEach(String fragment, Object... values) {
    StringBuilder bound = new StringBuilder();
    int v = 0;
    for (char ch : fragment.toCharArray()) {
      if (ch == '?') {
        params.addValue(values[v++]);
        bound.append('$').append(params.size());
      } else {
        bound.append(ch);
      }
    }
    if (v != values.length) {
      throw new IllegalArgumentException("one value per ? in " + fragment);
    }
    sql.append(" AND ").append(bound);
    return this;
  }

  /**
   * Adds {@code AND column IN (values)} when the values are present: {@code = ?} for one value,
   * {@code = ANY(?)} for several. The one-value form matters: for {@code = ANY($1)} Postgres's
   * generic plan guesses a tenth of the table and walks the primary key instead of the column's
   * index (measured: 0.6 ms instead of 0.05 ms on 1,000 role assignments).
   */
  <T> Filtered in(String column, Optional<T[]> values) {
    values.ifPresent(
        v -> {
          Object[] array = v;
          if (array.length == 1) {
            and(column + " = ?", array[0]);
          } else {
            and(column + " = ANY(?)", array);
          }
        });
    return this;
  }

  /** Keyset paging: ids after {@code afterId}, in id order, at most {@code limit}. */
  Filtered page(String afterId, int limit) {
    and("id > ?", Sql.uuid(afterId));
    params.addInteger(limit);
    sql.append(" ORDER BY id LIMIT $").append(params.size());
    return this;
  }

  /** Ends the statement with {@code ORDER BY order LIMIT limit}. */
  Filtered orderBy(String order, int limit) {
    params.addInteger(limit);
    sql.append(" ORDER BY ").append(order).append(" LIMIT $").append(params.size());
    return this;
  }

  /** Ends the statement with {@code LIMIT limit}, in no particular order. */
  Filtered limit(long limit) {
    params.addLong(limit);
    sql.append(" LIMIT $").append(params.size());
    return this;
  }

  String sql() {
    return sql.toString();
  }

  Tuple params() {
    return params;
  }

  static UUID[] uuids(Collection<String> ids) {
    return ids.stream().map(Sql::uuid).toArray(UUID[]::new);
  }
}
