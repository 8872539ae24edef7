package org.lanternfish.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.lanternfish.site.SystemConfiguration;
import org.lanternfish.microsoft.auth.MicrosoftSettings;
import org.lanternfish.microsoft.defender.MachineActions;
import org.lanternfish.microsoft.http.RateLimit;
import org.lanternfish.respond.PolicyFile;
import org.lanternfish.respond.ResponseService;
import org.lanternfish.respond.ResponseSettings;
import org.lanternfish.respond.defender.DefenderIsolation;
import org.lanternfish.store.EventStore;

/** RESPOND for the commands that host it: its settings from the data directory and the service over the store. */
final class Responding {

  private Responding() {}

  /** The settings in the data directory's {@code respond.conf}, or the defaults without one; a bad file stops. */
  static ResponseSettings settings(Path dataDir) {
    PolicyFile file = policyFile(dataDir);
    try {
      return file.settings(file.text());
    } catch (ResponseSettings.InvalidSettings e) {
      throw new CommandFailure(ExitCode.USAGE, "response settings error:\n" + e.getMessage());
    } catch (CharacterCodingException e) {
      throw new CommandFailure(ExitCode.USAGE, file.path() + ": is not UTF-8 text");
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.USAGE, file.path() + ": cannot be read: " + e.getMessage());
    }
  }

  private static PolicyFile policyFile(Path dataDir) {
    return new PolicyFile(dataDir, defender(dataDir));
  }

  /**
   * Opens the Defender API of {@code config.toml}'s {@code [microsoft]} table for a {@code backend: defender}, or
   * null without the table; a table that cannot be used fails when the backend is installed, as its health says.
   */
  private static DefenderIsolation.Connection defender(Path dataDir) {
    Optional<MicrosoftSettings> settings;
    try {
      settings = SystemConfiguration.microsoft(dataDir);
    } catch (SystemConfiguration.BadConfiguration e) {
      return () -> {
        throw new IOException("configuration error: " + e.getMessage());
      };
    }
    return settings.<DefenderIsolation.Connection>map(s -> () -> MachineActions.of(s, RateLimit.defender()))
        .orElse(null);
  }

  /** RESPOND over {@code store}, not yet following the outbox; {@code out} hears what it does. */
  static ResponseService open(EventStore store, Path dataDir, PrintStream out) {
    return new ResponseService(store, store, store, settings(dataDir), hostAddresses(), ResponseService::wallClock,
        line -> {
          out.println(line);
          out.flush();
        });
  }

  /**
   * RESPOND over {@code store}, following the outbox from where it stopped and {@code respond.conf}'s edits (a bad
   * edit is reported and the policy in force stays).
   */
  static ResponseService start(EventStore store, Path dataDir, PrintStream out) {
    ResponseService service = open(store, dataDir, out);
    try {
      service.follow(policyFile(dataDir));
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.USAGE, dataDir.resolve(ResponseSettings.FILE) + ": cannot be read: "
          + e.getMessage());
    }
    service.start();
    return service;
  }

  /** This host's own addresses, which no action may cut off. */
  static List<String> hostAddresses() {
    List<String> addresses = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          String text = address.getHostAddress();
          int zone = text.indexOf('%');
          addresses.add(zone < 0 ? text : text.substring(0, zone));
        }
      }
    } catch (SocketException e) {
      // Without the list the never-block entries of respond.conf still hold.
    }
    return addresses;
  }
}
