package dev.taskwire.processor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of {@code @Task}'s attributes: a whole number and a unit ({@code 500ms},
 * {@code 30s}, {@code 2m}, {@code 1h}, also {@code ns}, {@code us} and {@code d}), or ISO-8601 such
 * as {@code PT1M30S}.
 */
final class DurationSyntax {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ns|us|ms|s|m|h|d)");

  private DurationSyntax() {}

  static Optional<Duration> parse(String text) {
    String trimmed = text.trim();
    Matcher simple = SIMPLE.matcher(trimmed);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ns" -> Optional.of(Duration.ofNanos(amount));
        case "us" -> Optional.of(Duration.ofNanos(amount * 1_000));
        case "ms" -> Optional.of(Duration.ofMillis(amount));
        case "s" -> Optional.of(Duration.ofSeconds(amount));
        case "m" -> Optional.of(Duration.ofMinutes(amount));
        case "h" -> Optional.of(Duration.ofHours(amount));
        default -> Optional.of(Duration.ofDays(amount));
      };
    }
    try {
      return Optional.of(Duration.parse(trimmed));
    } catch (DateTimeParseException notIso) {
      return Optional.empty();
    }
  }
}
