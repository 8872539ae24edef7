import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A TCP service for the firewall test's server namespace: answers "ok" on every port it is given, then hangs up. */
public final class Listener {
  public static void main(String[] args) throws Exception {
    for (String port : args) {
      ServerSocket server = new ServerSocket();
      server.bind(new InetSocketAddress(Integer.parseInt(port)));
      Thread t = new Thread(() -> {
        while (true) {
          try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
            out.write("ok\n".getBytes());
          } catch (Exception e) {
            return;
          }
        }
      });
      t.start();
    }
    System.out.println("listening");
    System.out.flush();
  }
}
