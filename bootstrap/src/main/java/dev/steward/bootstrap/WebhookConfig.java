package dev.steward.bootstrap;

import dev.steward.adapter.webhook.WebhookSettings;
import dev.steward.application.service.extensions.WebhookTargets;

/**
 * How custom extensions call out: the operator's allow-list of addresses (empty: no extension can
 * be created), how the calls are made, and how often the sender and the timeout sweep run.
 */
record WebhookConfig(WebhookTargets targets, WebhookSettings settings, int intervalSeconds) {}
