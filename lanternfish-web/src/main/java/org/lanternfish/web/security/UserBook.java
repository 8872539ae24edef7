package org.lanternfish.web.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lanternfish.store.DataFiles;
import org.lanternfish.web.WebJson;

/**
 * The users and API tokens of one data directory, kept in its {@code users.json} (readable by its owner only):
 * passwords as bcrypt hashes, tokens as SHA-256 digests, so the file never holds a secret that works.
 */
public final class UserBook {
  /** The file in the data directory. */
  public static final String FILE = "users.json";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final List<StoredUser> users = new ArrayList<>();
  private final List<StoredToken> tokens = new ArrayList<>();

  private UserBook(Path file) {
    this.file = file;
  }

  /** The users of {@code dataDir}, none when it has no user file yet. */
  public static UserBook open(Path dataDir) {
    UserBook book = new UserBook(dataDir.resolve(FILE));
    if (Files.exists(book.file)) {
      try {
        Contents contents = WebJson.MAPPER.readValue(book.file.toFile(), Contents.class);
        book.users.addAll(contents.users());
        book.tokens.addAll(contents.tokens());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + book.file + ": " + e.getMessage(), e);
      }
    }
    return book;
  }

  /**
   * Creates the first admin, {@code admin}, when there is no user yet: with {@code password} when given, otherwise
   * with a random password that is returned so it can be shown once; empty when users already exist or the password
   * was given.
   */
  public synchronized Optional<Secret> ensureAdmin(Secret password) {
    if (!users.isEmpty()) {
      return Optional.empty();
    }
    Secret chosen = password.isEmpty() ? randomSecret(18) : password;
    add("admin", Role.ADMIN, chosen);
    return password.isEmpty() ? Optional.of(chosen) : Optional.empty();
  }

  /** Adds a user; a bad or taken name, or a password of fewer than 8 or more than 72 bytes, is refused. */
  public synchronized User add(String name, Role role, Secret password) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1 to 64 letters, digits or . _ @ -");
    }
    if (find(name).isPresent()) {
      throw new IllegalArgumentException("user '" + name + "' already exists");
    }
    int bytes = password.reveal().getBytes(StandardCharsets.UTF_8).length;
    if (password.reveal().length() < 8 || bytes > PasswordHash.MAX_BYTES) {
      throw new IllegalArgumentException("a password has 8 to 72 bytes");
    }
    users.add(new StoredUser(name, role.label(), PasswordHash.hash(password), Instant.now()));
    save();
    return new User(name, role);
  }

  /** The user {@code name} when {@code password} is theirs. */
  public Optional<User> authenticate(String name, Secret password) {
    Optional<StoredUser> user;
    synchronized (this) {
      user = find(name);
    }
    // The hash is checked outside the lock: it is slow on purpose, and logins should not queue behind each other.
    return user.filter(u -> PasswordHash.matches(u.passwordHash(), password)).map(StoredUser::user);
  }

  /** Issues a new API token for {@code user}; the token is returned once and only its digest is kept. */
  public synchronized IssuedToken issueToken(User user, String label) {
    Secret token = Secret.of("lf_" + randomSecret(32).reveal());
    StoredToken stored = new StoredToken(user.name(), label, digest(token), Instant.now());
    tokens.add(stored);
    save();
    return new IssuedToken(token, stored.view());
  }

  /**
   * A token just issued: the one time it is known.
   *
   * @param token the token
   * @param view how it is listed
   */
  public record IssuedToken(Secret token, TokenView view) {}

  /** The user an API token acts for, when the token was issued and its user still exists. */
  public synchronized Optional<User> byToken(Secret token) {
    Secret digest = Secret.of(digest(token));
    for (StoredToken stored : tokens) {
      if (Secret.of(stored.sha256()).matches(digest)) {
        return find(stored.user()).map(StoredUser::user);
      }
    }
    return Optional.empty();
  }

  /** The tokens of {@code user}, or every user's when {@code user} is null, oldest first; never the tokens. */
  public synchronized List<TokenView> tokens(String user) {
    return tokens.stream().filter(t -> user == null || t.user().equals(user)).map(StoredToken::view).toList();
  }

  /**
   * Revokes the token {@code id} when it is {@code user}'s (any user's when {@code user} is null): it stops working
   * at once; empty when there is no such token.
   */
  public synchronized Optional<TokenView> revoke(String id, String user) {
    for (StoredToken stored : tokens) {
      if (stored.view().id().equals(id) && (user == null || stored.user().equals(user))) {
        tokens.remove(stored);
        save();
        return Optional.of(stored.view());
      }
    }
    return Optional.empty();
  }

  /** Every user, in the order they were added. */
  public synchronized List<User> users() {
    return users.stream().map(StoredUser::user).toList();
  }

  private Optional<StoredUser> find(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst();
  }

  private void save() {
    try {
      DataFiles.replace(file, WebJson.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(new Contents(List.copyOf(users), List.copyOf(tokens))), DataFiles.Access.OWNER_ONLY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Secret randomSecret(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
  }

  private static String digest(Secret token) {
    try {
      // Tokens are 256 random bits, so one fast hash is enough; passwords get bcrypt.
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record StoredUser(String name, String role, String passwordHash, Instant created) {
    User user() {
      return new User(name, Role.of(role));
    }
  }

  private record StoredToken(String user, String label, String sha256, Instant created) {
    /** Its id: the start of its digest, which tells tokens apart and gives nothing of the token away. */
    TokenView view() {
      return new TokenView(sha256.substring(0, 12), user, label, created);
    }
  }

  /**
   * An API token as it is listed, without the token.
   *
   * @param id its id, for revoking it
   * @param user the user it acts for
   * @param label what its owner called it
   * @param created when it was issued
   */
  public record TokenView(String id, String user, String label, Instant created) {}

  private record Contents(List<StoredUser> users, List<StoredToken> tokens) {
    Contents {
      users = users == null ? List.of() : users;
      tokens = tokens == null ? List.of() : tokens;
    }
  }
}
