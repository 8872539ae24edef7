package org.lanternfish.web;

/** Input the API cannot act on; answered with 400 and the message as the reason. */
public final class BadRequest extends IllegalArgumentException {
  /** A bad request for {@code reason}. */
  public BadRequest(String reason) {
    super(reason);
  }

  /** Refuses {@code text} named {@code name} when it is not well-formed Unicode (a lone surrogate cannot be stored). */
  public static String requireText(String name, String text) {
    if (text != null) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw new BadRequest(name + " is not well-formed Unicode text");
        }
      }
    }
    return text;
  }
}
