package dev.steward.adapter.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads that stay whole on big directories: searches in pages (AD answers at most 1,000 entries a
 * page) and multi-valued attributes in ranges (AD gives at most 1,500 values of {@code member} at a
 * time). A server that still cuts an answer short is an error, never a silently partial answer.
 */
final class LdapReader {
  /** Entries asked for per page, below AD's MaxPageSize of 1,000. */
  static final int PAGE_SIZE = 500;

  private final LDAPConnectionPool pool;
  private final LongAdder requests = new LongAdder();

  LdapReader(LDAPConnectionPool pool) {
    this.pool = pool;
  }

  /** Read requests sent so far: what the tests count round trips with. */
  long requests() {
    return requests.sum();
  }

  /**
   * Entries matching the filter under the base: at most {@code sizeLimit} of them when it is
   * positive (as many as the caller wants, not an error), all of them otherwise.
   */
  List<SearchResultEntry> search(String base, Filter filter, int sizeLimit, String... attributes)
      throws LDAPException {
    List<SearchResultEntry> found = new ArrayList<>();
    if (sizeLimit > 0 && sizeLimit <= PAGE_SIZE) {
      found.addAll(page(pool, request(base, filter, sizeLimit, attributes), sizeLimit).entries);
      return atMost(found, sizeLimit);
    }
    // The paging cookie belongs to one connection: every page goes over the same one.
    LDAPConnection connection = pool.getConnection();
    try {
      ASN1OctetString cookie = null;
      do {
        SearchRequest request = request(base, filter, sizeLimit, attributes);
        request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
        Page page = page(connection, request, sizeLimit - found.size());
        found.addAll(page.entries);
        SimplePagedResultsControl next =
            page.result == null ? null : SimplePagedResultsControl.get(page.result);
        cookie = next == null ? null : next.getCookie();
      } while (cookie != null
          && cookie.getValueLength() > 0
          && (sizeLimit <= 0 || found.size() < sizeLimit));
      pool.releaseConnection(connection);
      return atMost(found, sizeLimit);
    } catch (LDAPException e) {
      pool.releaseConnectionAfterException(connection, e);
      throw e;
    }
  }

  /** Samba answers more entries than a search's size limit asks for: the rest are dropped. */
  private static List<SearchResultEntry> atMost(List<SearchResultEntry> found, int sizeLimit) {
    return sizeLimit > 0 && found.size() > sizeLimit ? found.subList(0, sizeLimit) : found;
  }

  private record Page(List<SearchResultEntry> entries, SearchResult result) {}

  private static SearchRequest request(String base, Filter f, int sizeLimit, String[] attributes) {
    SearchRequest request = new SearchRequest(base, SearchScope.SUB, f, attributes);
    request.setSizeLimit(Math.max(sizeLimit, 0));
    request.setTimeLimitSeconds(5);
    return request;
  }

  private Page page(com.unboundid.ldap.sdk.LDAPInterface on, SearchRequest request, int stillWanted)
      throws LDAPException {
    requests.increment();
    try {
      SearchResult result = on.search(request);
      return new Page(result.getSearchEntries(), result);
    } catch (LDAPSearchException e) {
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED
          && stillWanted > 0
          && e.getEntryCount() >= stillWanted) {
        // Our own limit was reached: the caller asked for no more than this.
        return new Page(e.getSearchEntries(), null);
      }
      if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
        throw new LDAPException(
            ResultCode.SIZE_LIMIT_EXCEEDED,
            "the directory answered only "
                + e.getEntryCount()
                + " entries of a search it limits: raise its size limit for Steward's account"
                + " or let it page",
            e);
      }
      throw e;
    }
  }

  /**
   * Every value of an attribute of one entry, asking for the next range for as long as the
   * directory hands out ranges ({@code member;range=0-1499}, then {@code member;range=1500-*}).
   * Empty when the entry does not exist.
   */
  List<String> values(String dn, String attribute) throws LDAPException {
    List<String> all = new ArrayList<>();
    String asked = attribute;
    while (true) {
      requests.increment();
      SearchResultEntry e = pool.getEntry(dn, asked);
      Attribute a = e == null ? null : first(e, attribute);
      if (a == null) {
        return all;
      }
      for (String v : a.getValues()) {
        all.add(v);
      }
      String range = null;
      for (String option : a.getOptions()) {
        if (option.regionMatches(true, 0, "range=", 0, 6)) {
          range = option;
        }
      }
      String end = range == null ? "*" : range.substring(range.indexOf('-') + 1);
      if (end.equals("*")) {
        return all;
      }
      asked = attribute + ";range=" + (Long.parseLong(end) + 1) + "-*";
    }
  }

  /** The attribute under its own name or any ranged form of it. */
  private static Attribute first(SearchResultEntry e, String attribute) {
    for (Attribute a : e.getAttributes()) {
      if (a.getBaseName().equalsIgnoreCase(attribute)) {
        return a;
      }
    }
    return null;
  }
}
