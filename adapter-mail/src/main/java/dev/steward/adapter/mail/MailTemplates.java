package dev.steward.adapter.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.MustacheResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every mail's three templates, compiled once at start-up. A file in the override directory wins
 * over Steward's default of the same name (from the classpath folder {@code steward-mail/}); the
 * override directory may also add templates of its own, with all three files.
 */
final class MailTemplates {
  static final List<String> DEFAULTS =
      List.of(
          "approvalRequired",
          "approvalEscalated",
          "requestApproved",
          "requestDenied",
          "requestExpired",
          "accessGranted",
          "accessEndingSoon",
          "accessEnded",
          "accessReviewStarted",
          "accessReviewReminder");
  static final String CLASSPATH_FOLDER = "steward-mail/";
  private static final List<String> PARTS = List.of("subject", "txt", "html");

  /** One mail's compiled templates. */
  private record Compiled(Mustache subject, Mustache text, Mustache html) {}

  private final Map<String, Compiled> templates = new HashMap<>();

  MailTemplates(Path overrides) {
    if (overrides != null && !Files.isDirectory(overrides)) {
      throw new IllegalArgumentException(
          "the mail templates directory " + overrides + " does not exist or is not a directory");
    }
    for (String name : DEFAULTS) {
      for (String part : PARTS) {
        if (MailTemplates.class.getClassLoader().getResource(CLASSPATH_FOLDER + file(name, part))
            == null) {
          throw new IllegalStateException(
              "Steward's default mail template " + file(name, part) + " is missing");
        }
      }
    }
    MustacheResolver resolver = resource -> open(overrides, resource);
    MustacheFactory html = new DefaultMustacheFactory(resolver);
    MustacheFactory text = new TextMustacheFactory(resolver);
    Set<String> names = new TreeSet<>(DEFAULTS);
    names.addAll(ownTemplates(overrides));
    for (String name : names) {
      templates.put(
          name,
          new Compiled(
              compile(text, overrides, file(name, "subject")),
              compile(text, overrides, file(name, "txt")),
              compile(html, overrides, file(name, "html"))));
    }
  }

  /**
   * Renders the named mail.
   *
   * @throws IllegalArgumentException if no such template exists
   */
  RenderedMail render(String name, Map<String, String> model) {
    Compiled compiled = templates.get(name);
    if (compiled == null) {
      throw new IllegalArgumentException(
          "no mail template '"
              + name
              + "': neither Steward nor the templates directory has "
              + file(name, "subject")
              + "; known templates are "
              + new TreeSet<>(templates.keySet()));
    }
    return new RenderedMail(
        oneLine(run(compiled.subject(), model)),
        run(compiled.text(), model).stripLeading(),
        run(compiled.html(), model));
  }

  private static String run(Mustache template, Map<String, String> model) {
    return template.execute(new StringWriter(), model).toString();
  }

  /** Collapses a subject to one line: a value with CR or LF cannot add a header. */
  static String oneLine(String subject) {
    return subject.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
  }

  private static String file(String name, String part) {
    return name + "." + part + ".mustache";
  }

  private static Mustache compile(MustacheFactory factory, Path overrides, String file) {
    try {
      return factory.compile(file);
    } catch (MustacheException e) {
      throw new IllegalArgumentException(
          "the mail template "
              + file
              + (overrides != null && Files.isRegularFile(overrides.resolve(file))
                  ? " in " + overrides
                  : "")
              + " does not compile: "
              + e.getMessage(),
          e);
    }
  }

  /** The names the override directory adds beyond Steward's; each must have all three parts. */
  private static Set<String> ownTemplates(Path overrides) {
    Set<String> own = new TreeSet<>();
    if (overrides == null) {
      return own;
    }
    try (Stream<Path> files = Files.list(overrides)) {
      files
          .map(p -> p.getFileName().toString())
          .forEach(
              f ->
                  PARTS.stream()
                      .map(part -> "." + part + ".mustache")
                      .filter(f::endsWith)
                      .map(suffix -> f.substring(0, f.length() - suffix.length()))
                      .filter(name -> !name.isEmpty() && !DEFAULTS.contains(name))
                      .forEach(own::add));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the mail templates in " + overrides, e);
    }
    for (String name : own) {
      for (String part : PARTS) {
        if (!Files.isRegularFile(overrides.resolve(file(name, part)))) {
          throw new IllegalArgumentException(
              "the mail templates directory "
                  + overrides
                  + " has a template '"
                  + name
                  + "' without "
                  + file(name, part)
                  + "; Steward's own templates are "
                  + DEFAULTS);
        }
      }
    }
    return own;
  }

  private static Reader open(Path overrides, String resource) {
    try {
      if (overrides != null) {
        Path candidate = overrides.resolve(resource).normalize();
        if (candidate.startsWith(overrides.normalize()) && Files.isRegularFile(candidate)) {
          return Files.newBufferedReader(candidate, StandardCharsets.UTF_8);
        }
      }
      InputStream in =
          MailTemplates.class.getClassLoader().getResourceAsStream(CLASSPATH_FOLDER + resource);
      return in == null ? null : new InputStreamReader(in, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mail template " + resource, e);
    }
  }

  /** Renders {@code {{value}}} verbatim: for the subject and the plain-text part. */
  private static final class TextMustacheFactory extends DefaultMustacheFactory {
    TextMustacheFactory(MustacheResolver resolver) {
      super(resolver);
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new MustacheException("cannot write a template value", e);
      }
    }
  }
}
