package dev.steward.adapter.http.extensions;

import dev.steward.application.port.out.extensions.Callout;
import dev.steward.domain.CustomExtension;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Custom extensions and their calls in Graph's JSON shape. */
final class CustomExtensionJson {
  private CustomExtensionJson() {}

  /** An extension as every read shows it: without its signing secret. */
  static JsonObject extension(CustomExtension x) {
    JsonObject json =
        new JsonObject()
            .put("@odata.type", x.kind().odataType())
            .put("id", x.id())
            .put("displayName", x.displayName())
            .put("description", x.description())
            .put("createdBy", x.createdBy())
            .put("createdDateTime", x.createdDateTime().toString())
            .put("lastModifiedBy", x.lastModifiedBy())
            .put("lastModifiedDateTime", x.lastModifiedDateTime().toString())
            .put(
                "endpointConfiguration",
                new JsonObject()
                    .put("@odata.type", "#microsoft.graph.httpRequestEndpoint")
                    .put("targetUrl", x.targetUrl()));
    json.put(
        "callbackConfiguration",
        x.callbackTimeout() == null
            ? null
            : new JsonObject()
                .put("@odata.type", "#microsoft.graph.customExtensionCallbackConfiguration")
                .put("timeoutDuration", x.callbackTimeout().toString()));
    return json;
  }

  /** The answer to the creation: the one time the signing secret is shown. */
  static JsonObject created(CustomExtension x) {
    return extension(x).put("signingSecret", x.signingSecret());
  }

  /** Graph's customExtensionCalloutInstance, with the stage and the times of the call. */
  static JsonObject callout(Callout c) {
    return new JsonObject()
        .put("id", c.id())
        .put("customExtensionId", c.extensionId())
        .put("stage", c.stage().apiName())
        .put("status", c.status().apiName())
        .put("detail", c.detail())
        .put("externalCorrelationId", null)
        .put("createdDateTime", c.createdAt().toString())
        .put("sentDateTime", text(c.sentAt()))
        .put("answeredDateTime", text(c.answeredAt()))
        .put("timeoutDateTime", text(c.timeoutAt()));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
