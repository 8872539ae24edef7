package org.lanternfish.detect;

import org.lanternfish.baseline.Fingerprint;
import org.lanternfish.event.ConnEvent;
import org.lanternfish.model.Signal;

/**
 * Learns where a device opens remote shells: Windows Remote Management (PowerShell remoting, WinRS) over HTTP on
 * 5985 and HTTPS on 5986. Its payload is encrypted either way, so the connection itself is what shows: a device's
 * first remote shell ever, and its first to each peer.
 */
final class RemoteShellSignals {

  private static final long ANY_SHELL = Fingerprint.of("remote-shell-any");

  private final DeviceShard shard;

  RemoteShellSignals(DeviceShard shard) {
    this.shard = shard;
  }

  static boolean remoteShellPort(int port) {
    return port == 5985 || port == 5986;
  }

  void on(ConnEvent c, RoutedEvent r) {
    if (c.id() == null || !remoteShellPort(c.id().respPort()) || !r.forOrig() || r.orig() == null
        || r.resp() == null || c.respBytes() <= 0) {
      return;
    }
    DeviceState d = shard.device(r.orig(), c.ts());
    int day = DeviceShard.day(c.ts());
    boolean first = d.seen.observe(ANY_SHELL, day) == 0;
    int before = d.seen.observe(Fingerprint.of("remote-shell", r.resp()), day);
    if (!shard.wants("remote_shell")) {
      return;
    }
    int port = c.id().respPort();
    String credential = d.credentialFor(c.uid(), c.ts());
    Signal s = new Signal("remote_shell", c.ts(), d.id, r.resp()).uid(c.uid())
        .with("port", port)
        .with("new_pair", before == 0)
        .with("first_remote_shell", first)
        .entity("credential", credential)
        .with("credential_admin", credential != null && shard.authentication().admin(credential))
        .evidence(before == 0 ? "first-seen" : "frequency", () -> before == 0
            ? "first WinRM connection (port " + port + ") from " + d.id + " to " + r.resp()
            : "WinRM from " + d.id + " to " + r.resp() + " seen " + before + " times before", before);
    if (first) {
      s.evidence("first-remote-shell", () -> d.id + " never opened a remote shell before", 0);
    }
    shard.emit(s, d);
  }
}
