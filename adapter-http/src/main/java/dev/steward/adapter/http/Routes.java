package dev.steward.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.steward.application.port.in.Page;
import dev.steward.application.port.in.RequestContext;
import dev.steward.domain.AccessPackageId;
import dev.steward.domain.DomainException;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** What every family of Graph routes shares: the base paths, replies, collections and paging. */
public final class Routes {
  public static final String ROLES = "/v1.0/roleManagement/entitlementManagement";
  public static final String EM = "/v1.0/identityGovernance/entitlementManagement";

  private Routes() {}

  /** One page of a listing, fetched after an id (null on the first page) and at most top long. */
  @FunctionalInterface
  public interface PageSource<T> {
    Future<Page<T>> fetch(RequestContext request, String afterId, int top);
  }

  /** One page of a listing that may be narrowed to the items of one access package. */
  @FunctionalInterface
  public interface PackagePageSource<T> {
    Future<Page<T>> fetch(
        RequestContext request, Optional<AccessPackageId> pkg, String afterId, int top);
  }

  public static RequestContext request(RoutingContext ctx) {
    var from = ctx.request().remoteAddress();
    return new RequestContext(
        Authentication.actor(ctx), RequestIds.of(ctx), from == null ? null : from.hostAddress());
  }

  /** The request's id, for work that no signed-in caller asks for (a signed webhook answer). */
  public static String requestId(RoutingContext ctx) {
    return RequestIds.of(ctx);
  }

  public static void respond(RoutingContext ctx, Future<JsonObject> result) {
    respond(ctx, 200, result);
  }

  private static void respond(RoutingContext ctx, int status, Future<JsonObject> result) {
    // Straight to UTF-8 bytes: encode() wrote a String that the response then encoded again, and
    // JSON writing is the largest single cost of a read in a JFR profile (a fifth of
    // myPermissions).
    result
        .onSuccess(
            json ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(written(QueryOptions.project(ctx, json))))
        .onFailure(ctx::fail);
  }

  /**
   * The JSON as UTF-8 bytes in a buffer that holds Jackson's array itself. {@code
   * JsonObject.toBuffer()} copies the array into a new buffer: one more copy of every answer for
   * the collector (a tenth of what a listing of role assignments allocated, in a JFR recording).
   */
  static Buffer written(JsonObject json) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(writtenBytes(json)));
  }

  /** The JSON as UTF-8 bytes. */
  static byte[] writtenBytes(JsonObject json) {
    try {
      return DatabindCodec.mapper().writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new EncodeException("Failed to encode as JSON: " + e.getMessage());
    }
  }

  /** Mounts a GET route that first refuses every query option outside {@code options}. */
  public static Route get(Router router, String path, QueryOptions options) {
    return router.get(path).handler(options.check());
  }

  /** Runs the handler, turning a refusal thrown while parsing into the failure path. */
  public static void guarded(RoutingContext ctx, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  private static void noContent(RoutingContext ctx, Future<Void> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** A handler answering 200 with the JSON that {@code call} gives. */
  public static Handler<RoutingContext> reply(Function<RoutingContext, Future<JsonObject>> call) {
    return ctx -> guarded(ctx, () -> respond(ctx, 200, call.apply(ctx)));
  }

  /** A handler answering 200 with the JSON of what {@code call} gives. */
  public static <T> Handler<RoutingContext> reply(
      Function<RoutingContext, Future<T>> call, Function<? super T, JsonObject> json) {
    return reply(200, call, json);
  }

  /** A handler answering {@code status} with the JSON of what {@code call} gives. */
  public static <T> Handler<RoutingContext> reply(
      int status, Function<RoutingContext, Future<T>> call, Function<? super T, JsonObject> json) {
    return ctx -> guarded(ctx, () -> respond(ctx, status, call.apply(ctx).map(json::apply)));
  }

  /**
   * A handler answering 200 with the JSON bytes {@code answers} gives for what {@code call} gives,
   * for a route that takes no query option changing the answer's shape.
   */
  public static <T> Handler<RoutingContext> replyRendered(
      Function<RoutingContext, Future<T>> call, RenderedAnswers<T> answers) {
    return ctx ->
        guarded(
            ctx,
            () ->
                call.apply(ctx)
                    .onSuccess(
                        value ->
                            ctx.response()
                                .setStatusCode(200)
                                .putHeader("Content-Type", "application/json")
                                .end(answers.answer(value)))
                    .onFailure(ctx::fail));
  }

  /** A handler answering 204 once {@code call} is done. */
  public static Handler<RoutingContext> replyEmpty(Function<RoutingContext, Future<Void>> call) {
    return ctx -> guarded(ctx, () -> noContent(ctx, call.apply(ctx)));
  }

  /** The call with the caller and the item that the {@code id} path parameter names. */
  public static <I, T> Function<RoutingContext, Future<T>> withId(
      Function<String, I> read, BiFunction<RequestContext, I, Future<T>> call) {
    return ctx -> call.apply(request(ctx), read.apply(ctx.pathParam("id")));
  }

  /** A handler answering with one page of a listing, as a Graph collection. */
  public static <T> Handler<RoutingContext> listing(
      String context, PageSource<T> source, Function<? super T, JsonObject> json) {
    return ctx -> guarded(ctx, () -> respond(ctx, page(ctx, context, source, json)));
  }

  /** A handler answering with one page of a listing of {@code pkg}'s items (or all of them). */
  public static <T> Handler<RoutingContext> listing(
      String context,
      Function<RoutingContext, Optional<AccessPackageId>> pkg,
      PackagePageSource<T> source,
      Function<? super T, JsonObject> json) {
    return ctx ->
        guarded(
            ctx,
            () -> {
              Optional<AccessPackageId> only = pkg.apply(ctx);
              PageSource<T> pages =
                  (request, after, top) -> source.fetch(request, only, after, top);
              respond(ctx, page(ctx, context, pages, json));
            });
  }

  /** A handler answering with all that {@code call} finds, as one Graph collection. */
  public static <T> Handler<RoutingContext> listingAll(
      String context,
      Function<RoutingContext, Future<List<T>>> call,
      Function<? super T, JsonObject> json) {
    return reply(call, found -> values(context, found, json));
  }

  /** The page that {@code $skiptoken} and {@code $top} (100 by default, 999 at most) ask for. */
  public static <T> Future<JsonObject> page(
      RoutingContext ctx,
      String context,
      PageSource<T> source,
      Function<? super T, JsonObject> json) {
    RequestContext request = request(ctx);
    String after = ODataQuery.skipToken(ctx);
    int top = ODataQuery.top(ctx, 100, 999);
    return source.fetch(request, after, top).map(page -> collection(ctx, context, page, json));
  }

  public static <T> JsonObject collection(
      RoutingContext ctx, String context, Page<T> page, Function<? super T, JsonObject> map) {
    JsonObject json = values(context, page.items(), map);
    page.nextAfter().ifPresent(after -> json.put("@odata.nextLink", nextLink(ctx, after)));
    return json;
  }

  /**
   * {@link #collection(RoutingContext, String, Page, Function)} with items written once and copied
   * after ({@link RenderedItems}); written afresh when {@code $select} will pick fields from them.
   */
  public static <T> JsonObject collection(
      RoutingContext ctx, String context, Page<T> page, RenderedItems<T, ?> rendered) {
    JsonObject json = values(ctx, context, page.items(), rendered);
    page.nextAfter().ifPresent(after -> json.put("@odata.nextLink", nextLink(ctx, after)));
    return json;
  }

  /** {@link #values(String, List, Function)} with items written once ({@link RenderedItems}). */
  public static <T> JsonObject values(
      RoutingContext ctx, String context, List<T> items, RenderedItems<T, ?> rendered) {
    if (!QueryOptions.asked(ctx).select().isEmpty()) {
      return values(context, items, rendered::json);
    }
    JsonArray written = new JsonArray(new ArrayList<>(items.size()));
    items.forEach(item -> written.add(rendered.item(item)));
    return new JsonObject().put("@odata.context", context).put("value", written);
  }

  /**
   * Answers with one page of a collection whose items are written once ({@link RenderedItems}), and
   * with {@code @odata.count} from {@code count} when {@code $count=true} asks for it. Without
   * {@code $select} the whole answer is written once per distinct page ({@link
   * RenderedItems#page}); with it, fields are picked from each item as {@link
   * #collection(RoutingContext, String, Page, RenderedItems)} does.
   */
  public static <T> void respondPage(
      RoutingContext ctx,
      String context,
      Future<Page<T>> page,
      RenderedItems<T, ?> rendered,
      Supplier<Future<Long>> count) {
    if (!QueryOptions.asked(ctx).select().isEmpty()) {
      respond(ctx, counted(ctx, page.map(p -> collection(ctx, context, p, rendered)), count));
      return;
    }
    Future<Long> total =
        QueryOptions.asked(ctx).count() ? count.get() : Future.succeededFuture(null);
    Future.all(page, total)
        .map(
            both -> {
              Page<T> p = page.result();
              String next = p.nextAfter().map(after -> nextLink(ctx, after)).orElse(null);
              return rendered.page(context, p, next, total.result());
            })
        .onSuccess(
            written ->
                ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json")
                    .end(written))
        .onFailure(ctx::fail);
  }

  /**
   * The page with the true total of every page as {@code @odata.count} when {@code $count=true}
   * asks for it; {@code count} runs only then, with the listing's filters.
   */
  public static Future<JsonObject> counted(
      RoutingContext ctx, Future<JsonObject> page, Supplier<Future<Long>> count) {
    if (!QueryOptions.asked(ctx).count()) {
      return page;
    }
    Future<Long> total = count.get();
    return Future.all(page, total).map(both -> page.result().put("@odata.count", total.result()));
  }

  /**
   * Mounts Graph's {@code <collection>/$count}: the number alone, as text/plain. It must come
   * before the collection's {@code /:id} routes, which would take {@code $count} for an id.
   */
  public static void countSegment(
      Router router,
      String collection,
      QueryOptions options,
      Function<RoutingContext, Future<Long>> count) {
    router
        .getWithRegex(Pattern.quote(collection + "/$count"))
        .handler(options.check())
        .handler(
            ctx ->
                guarded(
                    ctx,
                    () ->
                        count
                            .apply(ctx)
                            .onSuccess(
                                n ->
                                    ctx.response()
                                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                                        .end(Long.toString(n)))
                            .onFailure(ctx::fail)));
  }

  /** A Graph collection of all of {@code items}, with no further page. */
  public static <T> JsonObject values(
      String context, List<T> items, Function<? super T, JsonObject> map) {
    return new JsonObject()
        .put("@odata.context", context)
        .put("value", GraphJson.array(items, map));
  }

  /** Passes on what a POST created, with its Location: the request's URL and the new {@code id}. */
  public static <T> Function<T, T> located(RoutingContext ctx, Function<T, String> id) {
    return created -> {
      ctx.response().putHeader("Location", ctx.request().absoluteURI() + "/" + id.apply(created));
      return created;
    };
  }

  /**
   * Mounts Graph's {@code <collection>/filterByCurrentUser(on='…')} function, which must come
   * before the collection's {@code /:id} routes; the handler reads {@code on} as {@code param0}.
   */
  public static void filterByCurrentUser(
      Router router, String collection, QueryOptions options, Handler<RoutingContext> handler) {
    router
        .getWithRegex(Pattern.quote(collection + "/filterByCurrentUser") + "\\(on='([A-Za-z]+)'\\)")
        .handler(options.check())
        .handler(handler);
  }

  /** Refuses a {@code filterByCurrentUser} whose {@code on} is not {@code only}. */
  public static void requireOn(RoutingContext ctx, String only) {
    if (!only.equals(ctx.pathParam("param0"))) {
      throw DomainException.invalid("on", "'on' must be '" + only + "'");
    }
  }

  /** The package a listing is filtered to with {@code $filter=accessPackage/id eq '…'}. */
  public static Optional<AccessPackageId> packageFilter(RoutingContext ctx) {
    Map<String, Set<String>> filter =
        ODataQuery.filter(ODataQuery.single(ctx, "$filter"), Set.of("accessPackage/id"));
    return ODataQuery.one(filter, "accessPackage/id", AccessPackageId::new);
  }

  /** The same request with a skip token for the page after {@code afterId}. */
  static String nextLink(RoutingContext ctx, String afterId) {
    StringBuilder url = new StringBuilder();
    url.append(ctx.request().scheme())
        .append("://")
        .append(ctx.request().authority())
        .append(ctx.request().path());
    char sep = '?';
    for (Map.Entry<String, String> p : QueryParameters.of(ctx).entries()) {
      if (!p.getKey().equals("$skiptoken")) {
        url.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        sep = '&';
      }
    }
    url.append(sep).append("$skiptoken=").append(ODataQuery.token(afterId));
    return url.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
  }
}
