package org.lanternfish.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.lanternfish.embedded.ConfigurationFile;
import org.lanternfish.embedded.MicrosoftIntegration;
import org.lanternfish.embedded.ModelSwitchFile;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.store.EventStore;
import org.lanternfish.web.IngestionHealth;
import org.lanternfish.web.ThreatVisualizer;
import org.lanternfish.web.security.Secret;
import org.lanternfish.web.security.UserBook;
import picocli.CommandLine.Option;

/** The options of the Threat Visualizer's web server, shared by {@code serve} and {@code demo}. */
final class ServeOptions {
  /** The environment variable that sets the first admin's password. */
  static final String ADMIN_PASSWORD = "LANTERNFISH_ADMIN_PASSWORD";

  @Option(names = "--port", defaultValue = "8080", description = "Port of the web UI and API (default: ${DEFAULT-VALUE};"
      + " 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "localhost", description = "Address to listen on (default: ${DEFAULT-VALUE};"
      + " 0.0.0.0 for every interface).")
  String host;

  /**
   * Starts the UI over {@code store}, users and audit log in {@code dataDir}, the models of {@code modelsDir} and the
   * live follower's figures from {@code live} and RESPOND's actions from {@code respond}, and says where and how to
   * log in.
   */
  ThreatVisualizer start(EventStore store, Path dataDir, Path modelsDir, IngestionHealth.LiveSource live,
      ResponseService respond, PrintStream out) {
    boolean firstStart = !dataDir.resolve(UserBook.FILE).toFile().exists();
    Secret fromEnvironment = Secret.of(System.getenv(ADMIN_PASSWORD));
    ThreatVisualizer server;
    try {
      server = ThreatVisualizer.start(store, new ModelSwitchFile(modelsDir), new ConfigurationFile(dataDir),
          List.of(new MicrosoftIntegration(dataDir, Clock.systemUTC())),
          live, respond, dataDir, fromEnvironment, host, port, Clock.systemUTC());
    } catch (IllegalArgumentException badPassword) {
      throw new CommandFailure(ExitCode.USAGE, ADMIN_PASSWORD + ": " + badPassword.getMessage(), badPassword);
    } catch (RuntimeException e) {
      throw new CommandFailure(ExitCode.INTERNAL, "cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    out.printf("%nThreat Visualizer: http://%s:%d/  (Ctrl-C stops it)%n", shown, server.port());
    Optional<Secret> generated = server.generatedAdminPassword();
    if (generated.isPresent()) {
      out.println("  log in as admin with password " + generated.get().reveal()
          + "  (shown this once; set " + ADMIN_PASSWORD + " before the first start to choose it)");
    } else if (firstStart) {
      out.println("  log in as admin with the password in " + ADMIN_PASSWORD);
    } else {
      out.println("  log in with your user (the first admin is 'admin'; users are kept in "
          + dataDir.resolve(UserBook.FILE) + ")");
    }
    out.flush();
    return server;
  }

  /**
   * Serves until the process is interrupted (Ctrl-C); the shutdown then closes {@code closing} in order (the live
   * follower, the server, the store), since the interrupted thread never reaches its own closing.
   */
  static void awaitInterrupt(AutoCloseable... closing) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (AutoCloseable resource : closing) {
        try {
          resource.close();
        } catch (Exception e) {
          System.err.println("lanternfish: while stopping: " + e.getMessage());
        }
      }
    }));
    new CountDownLatch(1).await();
  }
}
