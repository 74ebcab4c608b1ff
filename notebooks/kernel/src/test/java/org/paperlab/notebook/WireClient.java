package org.paperlab.notebook;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client for tests, written from the Jupyter messaging protocol (version 5.3):
 * ZeroMQ DEALER sockets on shell and control, a SUB socket on IOPub, each message the frames
 * {@code <IDS|MSG>}, an HMAC-SHA256 hex signature of the next four, header, parent header,
 * metadata and content (JSON). It shares no code with the kernel's protocol layer.
 */
final class WireClient implements AutoCloseable {
  private static final String DELIMITER = "<IDS|MSG>";

  private final ZContext context = new ZContext();
  private final Mac mac;
  private final String session = UUID.randomUUID().toString();
  final ZMQ.Socket shell;
  final ZMQ.Socket control;
  final ZMQ.Socket iopub;
  /** The connection file's content for a kernel on free local ports. */
  final String connectionJson;

  /** A received message: its type, its parent's id, its content. */
  record Msg(String type, String parentId, JsonObject content) {}

  WireClient() throws IOException, GeneralSecurityException {
    String key = UUID.randomUUID().toString();
    int[] ports = freePorts(5);
    JsonObject c = new JsonObject();
    c.addProperty("ip", "127.0.0.1");
    c.addProperty("transport", "tcp");
    c.addProperty("signature_scheme", "hmac-sha256");
    c.addProperty("key", key);
    c.addProperty("shell_port", ports[0]);
    c.addProperty("control_port", ports[1]);
    c.addProperty("iopub_port", ports[2]);
    c.addProperty("stdin_port", ports[3]);
    c.addProperty("hb_port", ports[4]);
    connectionJson = c.toString();
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    shell = context.createSocket(SocketType.DEALER);
    control = context.createSocket(SocketType.DEALER);
    iopub = context.createSocket(SocketType.SUB);
    shell.connect("tcp://127.0.0.1:" + ports[0]);
    control.connect("tcp://127.0.0.1:" + ports[1]);
    iopub.connect("tcp://127.0.0.1:" + ports[2]);
    iopub.subscribe(new byte[0]);
  }

  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        open.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : open) {
        s.close();
      }
    }
    return ports;
  }

  /** Sends a request; returns its message id. */
  String send(ZMQ.Socket socket, String type, JsonObject content) {
    String id = UUID.randomUUID().toString();
    JsonObject header = new JsonObject();
    header.addProperty("msg_id", id);
    header.addProperty("session", session);
    header.addProperty("username", "test");
    header.addProperty("date", Instant.now().toString());
    header.addProperty("msg_type", type);
    header.addProperty("version", "5.3");
    byte[][] parts = {
      bytes(header.toString()), bytes("{}"), bytes("{}"), bytes(content.toString())
    };
    socket.sendMore(DELIMITER);
    socket.sendMore(sign(parts));
    socket.sendMore(parts[0]);
    socket.sendMore(parts[1]);
    socket.sendMore(parts[2]);
    socket.send(parts[3]);
    return id;
  }

  /** The next message on {@code socket}, its signature checked, or null after {@code millis}. */
  Msg receive(ZMQ.Socket socket, int millis) {
    socket.setReceiveTimeOut(millis);
    byte[] frame = socket.recv();
    if (frame == null) {
      return null;
    }
    while (!DELIMITER.equals(new String(frame, StandardCharsets.UTF_8))) {
      frame = socket.recv(); // routing identities before the delimiter
    }
    String signature = socket.recvStr();
    byte[][] parts = new byte[4][];
    for (int i = 0; i < 4; i++) {
      parts[i] = socket.recv();
    }
    while (socket.hasReceiveMore()) {
      socket.recv(); // buffers
    }
    if (!signature.equals(sign(parts))) {
      throw new AssertionError("bad signature on a message from the kernel");
    }
    JsonObject header = JsonParser.parseString(text(parts[0])).getAsJsonObject();
    JsonObject parent = JsonParser.parseString(text(parts[1])).getAsJsonObject();
    String parentId = parent.has("msg_id") ? parent.get("msg_id").getAsString() : null;
    return new Msg(
        header.get("msg_type").getAsString(), parentId, JsonParser.parseString(text(parts[3])).getAsJsonObject());
  }

  /** Sends kernel_info requests until IOPub delivers (a SUB socket misses what comes before it joins). */
  Msg handshake() {
    for (int i = 0; i < 100; i++) {
      String id = send(shell, "kernel_info_request", new JsonObject());
      Msg reply = receive(shell, 10_000);
      if (reply != null && id.equals(reply.parentId()) && receive(iopub, 200) != null) {
        while (receive(iopub, 100) != null) {
          // drain this request's status messages
        }
        return reply;
      }
    }
    throw new AssertionError("no IOPub message from the kernel");
  }

  /** The IOPub messages caused by request {@code id}, up to its {@code idle} status. */
  List<Msg> iopubUntilIdle(String id, int millis) {
    List<Msg> got = new ArrayList<>();
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      Msg m = receive(iopub, 500);
      if (m == null || !id.equals(m.parentId())) {
        continue;
      }
      got.add(m);
      if (m.type().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) {
        return got;
      }
    }
    throw new AssertionError("no idle status for request " + id + "; got " + got);
  }

  /** The reply to request {@code id} on {@code socket}. */
  Msg reply(ZMQ.Socket socket, String id, int millis) {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      Msg m = receive(socket, 500);
      if (m != null && id.equals(m.parentId())) {
        return m;
      }
    }
    throw new AssertionError("no reply to request " + id);
  }

  /** An execute_request for {@code code}; returns its id. */
  String execute(String code) {
    JsonObject content = new JsonObject();
    content.addProperty("code", code);
    content.addProperty("silent", false);
    content.addProperty("store_history", true);
    content.add("user_expressions", new JsonObject());
    content.addProperty("allow_stdin", false);
    content.addProperty("stop_on_error", true);
    return send(shell, "execute_request", content);
  }

  private String sign(byte[][] parts) {
    synchronized (mac) {
      for (byte[] p : parts) {
        mac.update(p);
      }
      return HexFormat.of().formatHex(mac.doFinal());
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    context.close();
  }
}
