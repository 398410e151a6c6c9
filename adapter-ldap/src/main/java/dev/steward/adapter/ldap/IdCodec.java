package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.steward.adapter.ldap.LdapSettings.IdFormat;
import dev.steward.domain.Guid;
import dev.steward.domain.PrincipalId;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Turns the directory's id attribute into Steward's GUID strings and back: text as it is, or AD's
 * 16-byte {@code objectGUID} in Microsoft's form (the first three fields little-endian), so ids
 * equal what AD's own tools print.
 */
final class IdCodec {
  private final String attribute;
  private final IdFormat format;

  IdCodec(String attribute, IdFormat format) {
    this.attribute = attribute;
    this.format = format;
  }

  String attribute() {
    return attribute;
  }

  /** The entry's id, or empty when it has none Steward can use. */
  Optional<PrincipalId> read(SearchResultEntry e) {
    if (format == IdFormat.BINARY_GUID) {
      byte[] raw = e.getAttributeValueBytes(attribute);
      return raw == null || raw.length != 16
          ? Optional.empty()
          : Optional.of(new PrincipalId(toMicrosoftString(raw)));
    }
    String id = e.getAttributeValue(attribute);
    return Guid.isValid(id) ? Optional.of(new PrincipalId(id)) : Optional.empty();
  }

  /** An equality filter on the id; binary values are escaped by the SDK. */
  Filter filter(PrincipalId id) {
    return format == IdFormat.BINARY_GUID
        ? Filter.createEqualityFilter(attribute, toBytes(id.value()))
        : Filter.createEqualityFilter(attribute, id.value());
  }

  /** Microsoft's string form of a GUID's 16 bytes. */
  static String toMicrosoftString(byte[] b) {
    byte[] ordered = reorder(b);
    String hex = HexFormat.of().formatHex(ordered);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-"
        + hex.substring(12, 16)
        + "-"
        + hex.substring(16, 20)
        + "-"
        + hex.substring(20);
  }

  /** The 16 bytes of a GUID written in Microsoft's string form. */
  static byte[] toBytes(String guid) {
    return reorder(HexFormat.of().parseHex(Guid.require(guid, "id").replace("-", "")));
  }

  /** Swaps the byte order of the first three fields (4, 2 and 2 bytes); its own inverse. */
  private static byte[] reorder(byte[] b) {
    return new byte[] {
      b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
      b[15]
    };
  }
}
