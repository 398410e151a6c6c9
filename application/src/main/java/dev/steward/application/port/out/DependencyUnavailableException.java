package dev.steward.application.port.out;

/** Postgres or the directory cannot be reached right now; the caller may retry later. */
public final class DependencyUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String dependency;

  public DependencyUnavailableException(String dependency, Throwable cause) {
    super(dependency + " is unavailable: " + cause.getMessage(), cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
