package dev.steward.bootstrap;

import dev.steward.adapter.mail.MailSettings;
import java.util.Optional;

/**
 * How Steward tells people: the mail server (none: notifications are off and nothing is recorded
 * for them) and the portal address every link in a mail starts with.
 */
record NotificationConfig(Optional<MailSettings> mail, String portalUrl, int intervalSeconds) {}
