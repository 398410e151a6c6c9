package dev.steward.adapter.ldap;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes UnboundID's in-memory server answer {@code member} as Active Directory does: at most {@code
 * size} values at a time as {@code member;range=0-(size-1)}, the next range when asked for {@code
 * member;range=N-*}, the last one ending in {@code *}.
 */
final class RangedMembers extends InMemoryOperationInterceptor {
  private final int size;
  private final Map<String, Integer> starts = new ConcurrentHashMap<>();
  final AtomicInteger rangedAnswers = new AtomicInteger();

  RangedMembers(int size) {
    this.size = size;
  }

  private static String key(long connection, int message) {
    return connection + "/" + message;
  }

  @Override
  public void processSearchRequest(InMemoryInterceptedSearchRequest r) {
    List<String> asked = new ArrayList<>(r.getRequest().getAttributeList());
    for (int i = 0; i < asked.size(); i++) {
      String a = asked.get(i).toLowerCase(java.util.Locale.ROOT);
      if (a.equals("member") || a.startsWith("member;range=")) {
        int start = a.equals("member") ? 0 : Integer.parseInt(a.substring(13, a.indexOf('-')));
        starts.put(key(r.getConnectionID(), r.getMessageID()), start);
        asked.set(i, "member");
        SearchRequest copy = r.getRequest().duplicate();
        copy.setAttributes(asked);
        r.setRequest(copy);
        return;
      }
    }
  }

  @Override
  public void processSearchEntry(InMemoryInterceptedSearchEntry e) {
    Integer start = starts.get(key(e.getConnectionID(), e.getMessageID()));
    Entry entry = e.getSearchEntry().duplicate();
    String[] values = entry.getAttributeValues("member");
    if (start == null || values == null || (start == 0 && values.length <= size)) {
      return;
    }
    int end = Math.min(start + size, values.length);
    entry.removeAttribute("member");
    entry.addAttribute(
        "member;range=" + start + "-" + (end == values.length ? "*" : String.valueOf(end - 1)),
        Arrays.copyOfRange(values, Math.min(start, values.length), end));
    rangedAnswers.incrementAndGet();
    e.setSearchEntry(entry);
  }

  @Override
  public void processSearchResult(InMemoryInterceptedSearchResult r) {
    starts.remove(key(r.getConnectionID(), r.getMessageID()));
  }
}
