package dev.steward.adapter.ldap;

import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * Writes a user into a group's member or owner attribute and takes them out, reporting success only
 * when the directory confirms it: an add answered "already there" (20, or AD's 68) or a remove
 * answered "not there" (16, or AD's 53) counts only after a compare says so. AD answers 20 also
 * when a single-valued {@code managedBy} already holds someone else: the compare catches that.
 */
final class GroupWriter {
  private final LDAPConnectionPool pool;

  GroupWriter(LDAPConnectionPool pool) {
    this.pool = pool;
  }

  /** Whether the directory's schema says the attribute holds one value only. */
  static boolean singleValued(LDAPConnectionPool pool, String attribute) throws LDAPException {
    Schema schema = pool.getSchema();
    AttributeTypeDefinition type = schema == null ? null : schema.getAttributeType(attribute);
    return type != null && type.isSingleValued();
  }

  void add(String group, String attribute, String user) throws LDAPException {
    try {
      pool.modify(group, new Modification(ModificationType.ADD, attribute, user));
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (code != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS && code != ResultCode.ENTRY_ALREADY_EXISTS) {
        throw e;
      }
      confirm(group, attribute, user, true, e);
    }
  }

  void remove(String group, String attribute, String user, boolean keepOne) throws LDAPException {
    try {
      pool.modify(group, new Modification(ModificationType.DELETE, attribute, user));
    } catch (LDAPException e) {
      ResultCode code = e.getResultCode();
      if (code == ResultCode.OBJECT_CLASS_VIOLATION && keepOne) {
        // groupOfNames must keep one member: the group itself stands in for nobody, in the
        // same atomic change.
        pool.modify(
            group,
            new Modification(ModificationType.ADD, attribute, group),
            new Modification(ModificationType.DELETE, attribute, user));
      } else if (code == ResultCode.NO_SUCH_ATTRIBUTE || code == ResultCode.UNWILLING_TO_PERFORM) {
        confirm(group, attribute, user, false, e);
      } else {
        throw e;
      }
    }
  }

  /** Asks the directory whether the value is there (or gone) as the refused write implied. */
  private void confirm(
      String group, String attribute, String user, boolean present, LDAPException answer)
      throws LDAPException {
    boolean there;
    try {
      there = pool.compare(group, attribute, user).compareMatched();
    } catch (LDAPException e) {
      if (e.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE) {
        throw e;
      }
      // Some servers answer a compare on an attribute the entry lacks this way: not there.
      there = false;
    }
    if (there != present) {
      throw new LDAPException(
          answer.getResultCode(),
          (present ? "not added: " : "not removed: ")
              + answer.getMessage()
              + (present ? " (and the value is not there)" : " (and the value is still there)"),
          answer);
    }
  }
}
