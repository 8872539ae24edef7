package org.lanternfish.respond.nftables;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real network for firewall tests: a client namespace reaches a server namespace through a gateway namespace, and
 * the server answers "ok" on two ports. Needs root, iproute2 and nftables ({@link #available()}); shared with the
 * app's tests through this module's test jar.
 */
public final class Namespaces implements AutoCloseable {

  /** The client's address. */
  public static final String CLIENT_IP = "10.199.1.2";
  /** The server's address. */
  public static final String SERVER_IP = "10.199.2.2";

  private final String prefix;
  private final Process listener;

  /** True when this process may build namespaces (root, with ip and nft installed). */
  public static boolean available() {
    return "root".equals(System.getProperty("user.name")) && onPath("ip") && onPath("nft");
  }

  /** Builds the namespaces, named after {@code tag} (a few letters) and this process, and starts the server. */
  public Namespaces(String tag, int... ports) throws Exception {
    prefix = tag + ProcessHandle.current().pid() % 100_000;
    for (String ns : List.of(client(), gateway(), server())) {
      run("ip netns del " + ns);
      sh("ip netns add " + ns);
      sh("ip -n " + ns + " link set lo up");
    }
    sh("ip link add " + prefix + "a type veth peer name " + prefix + "b");
    sh("ip link set " + prefix + "a netns " + client());
    sh("ip link set " + prefix + "b netns " + gateway());
    sh("ip link add " + prefix + "x type veth peer name " + prefix + "y");
    sh("ip link set " + prefix + "x netns " + gateway());
    sh("ip link set " + prefix + "y netns " + server());
    sh("ip -n " + client() + " addr add " + CLIENT_IP + "/24 dev " + prefix + "a");
    sh("ip -n " + gateway() + " addr add 10.199.1.1/24 dev " + prefix + "b");
    sh("ip -n " + gateway() + " addr add 10.199.2.1/24 dev " + prefix + "x");
    sh("ip -n " + server() + " addr add " + SERVER_IP + "/24 dev " + prefix + "y");
    sh("ip -n " + client() + " link set " + prefix + "a up");
    sh("ip -n " + gateway() + " link set " + prefix + "b up");
    sh("ip -n " + gateway() + " link set " + prefix + "x up");
    sh("ip -n " + server() + " link set " + prefix + "y up");
    sh("ip -n " + client() + " route add default via 10.199.1.1");
    sh("ip -n " + server() + " route add default via 10.199.2.1");
    sh("ip netns exec " + gateway() + " sysctl -q -w net.ipv4.ip_forward=1");
    Path source = Files.createTempFile("Listener", ".java");
    try (InputStream in = Namespaces.class.getResourceAsStream("/Listener.java")) {
      Files.write(source, in.readAllBytes());
    }
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", server(),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), source.toString()));
    for (int port : ports) {
      command.add(Integer.toString(port));
    }
    listener = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (!"listening".equals(first)) {
      throw new IllegalStateException("the server namespace's listener said " + first);
    }
    Files.delete(source);
  }

  /** The gateway namespace's name, where nftables runs. */
  public String gateway() {
    return prefix + "g";
  }

  private String client() {
    return prefix + "c";
  }

  private String server() {
    return prefix + "s";
  }

  /** The command prefix that runs a tool in the gateway namespace. */
  public List<String> inGateway() {
    return List.of("ip", "netns", "exec", gateway());
  }

  /** True when the client gets the server's answer on {@code port} within two seconds. */
  public boolean reaches(int port) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("timeout", "2", "ip", "netns", "exec", client(), "bash", "-c",
        "exec 3<>/dev/tcp/" + SERVER_IP + "/" + port + " && head -c 2 <&3").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 && out.equals("ok");
  }

  /** The elements of the gateway's set {@code set} in table {@code inet table}, without their timeouts. */
  public List<String> elements(String table, String set) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ip", "netns", "exec", gateway(), "nft", "list", "set", "inet", table, set)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    int open = out.indexOf("elements = {");
    if (open < 0) {
      return List.of();
    }
    String body = out.substring(open + "elements = {".length(), out.indexOf('}', open));
    List<String> elements = new ArrayList<>();
    for (String e : body.split(",")) {
      String element = e.strip().replaceAll(" timeout .*| expires .*", "").strip();
      if (!element.isEmpty()) {
        elements.add(element);
      }
    }
    return elements;
  }

  /** Runs {@code command} (words split on spaces) in the gateway namespace and fails unless it succeeds. */
  public void inGateway(String command) throws IOException, InterruptedException {
    sh("ip netns exec " + gateway() + " " + command);
  }

  /** Stops the server and removes the namespaces. */
  @Override
  public void close() throws Exception {
    listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    for (String ns : List.of(client(), gateway(), server())) {
      run("ip netns del " + ns);
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }

  private static void sh(String command) throws IOException, InterruptedException {
    if (run(command) != 0) {
      throw new IllegalStateException("failed: " + command);
    }
  }

  private static int run(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command.split(" "))).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
