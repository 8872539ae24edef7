package org.lanternfish.web.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.lanternfish.web.BadRequest;

/** Query parameters read strictly: a value that is not what the API documents is a 400 with the parameter named. */
final class Params {
  private Params() {}

  static int integer(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below with the range
    }
    throw new BadRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
  }

  static long cursor(Context ctx) {
    String text = ctx.queryParam("cursor");
    if (text == null || text.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BadRequest("cursor must be the 'next' value of a previous page, not '" + text + "'");
  }

  /** An ISO-8601 instant or date (a date is its midnight UTC), or null when absent. */
  static Instant instant(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDate) {
        throw new BadRequest(name + " must be an ISO-8601 time such as 2026-11-13T01:00:00Z or a date, not '"
            + text + "'");
      }
    }
  }

  static String text(Context ctx, String name, int maxLength) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.length() > maxLength) {
      throw new BadRequest(name + " has at most " + maxLength + " characters");
    }
    return text;
  }
}
