package org.lanternfish.web;

import io.javalin.http.Context;
import java.util.Locale;

/** Tells an HTML form's body from a JSON one. */
public final class FormBody {
  private FormBody() {}

  /** Whether the request carries an URL-encoded form. */
  public static boolean is(Context ctx) {
    String type = ctx.contentType();
    return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }
}
