package dev.steward.adapter.mail;

/** One mail rendered from its templates: a one-line subject, a plain-text and an HTML body. */
record RenderedMail(String subject, String text, String html) {}
