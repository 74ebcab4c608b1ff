package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel over real ZeroMQ sockets, driven by {@link WireClient} (written from the Jupyter
 * messaging protocol, not from the kernel's library): what an {@code execute_request} makes the
 * kernel publish on IOPub and reply on shell. Expected values are Java's ({@code 6 * 7 = 42}) and
 * the protocol's message types and fields.
 */
class KernelProtocolTest {
  private static WireClient client;
  private static Main.Running kernel;

  @BeforeAll
  static void start() throws Exception {
    client = new WireClient();
    kernel = Main.start(KernelConnectionProperties.parse(client.connectionJson));
    client.handshake();
  }

  @AfterAll
  static void stop() {
    String id = client.send(client.control, "shutdown_request", restart(false));
    assertEquals("shutdown_reply", client.reply(client.control, id, 10_000).type());
    client.close();
    kernel.connection().close();
  }

  private static JsonObject restart(boolean restart) {
    JsonObject o = new JsonObject();
    o.addProperty("restart", restart);
    return o;
  }

  /** An execution's IOPub messages and its shell reply. */
  private record Run(List<WireClient.Msg> iopub, WireClient.Msg reply) {
    List<WireClient.Msg> of(String type) {
      return iopub.stream().filter(m -> m.type().equals(type)).collect(Collectors.toList());
    }

    String stream(String name) {
      return of("stream").stream()
          .filter(m -> m.content().get("name").getAsString().equals(name))
          .map(m -> m.content().get("text").getAsString())
          .collect(Collectors.joining());
    }

    int index(String type) {
      for (int i = 0; i < iopub.size(); i++) {
        if (iopub.get(i).type().equals(type)) {
          return i;
        }
      }
      return -1;
    }

    int count() {
      return reply.content().get("execution_count").getAsInt();
    }
  }

  private static Run execute(String code) {
    String id = client.execute(code);
    List<WireClient.Msg> iopub = client.iopubUntilIdle(id, 60_000);
    return new Run(iopub, client.reply(client.shell, id, 60_000));
  }

  private static List<String> traceback(WireClient.Msg error) {
    List<String> lines = new ArrayList<>();
    error.content().getAsJsonArray("traceback").forEach(e -> lines.add(e.getAsString()));
    return lines;
  }

  @Test
  void kernelInfoNamesJava() {
    WireClient.Msg info = client.handshake();
    assertEquals("kernel_info_reply", info.type());
    assertEquals("java", info.content().getAsJsonObject("language_info").get("name").getAsString());
    assertEquals(PaperlabKernel.NAME, info.content().get("implementation").getAsString());
  }

  @Test
  void printsAreStreamsAndTheValueIsTheResult() {
    Run r = execute("System.out.println(\"out\");\nSystem.err.println(\"err\");\n6 * 7");
    assertEquals("execute_reply", r.reply().type());
    assertEquals("ok", r.reply().content().get("status").getAsString());
    assertEquals("busy", r.iopub().get(0).content().get("execution_state").getAsString());
    assertEquals("out\n", r.stream("stdout"));
    assertEquals("err\n", r.stream("stderr"));
    List<WireClient.Msg> results = r.of("execute_result");
    assertEquals(1, results.size());
    assertEquals("42", results.get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
    assertEquals(r.count(), results.get(0).content().get("execution_count").getAsInt());
    assertTrue(r.index("stream") < r.index("execute_result"), "the prints come before the value");
  }

  @Test
  void aCellWithoutValuePublishesNoResult() {
    Run r = execute("int unused = 1;");
    assertEquals("ok", r.reply().content().get("status").getAsString());
    assertEquals(List.of(), r.of("execute_result"));
  }

  @Test
  void displayPublishesPngDisplayDataAndAChartValueIsAPngResult() {
    Run r =
        execute(
            "System.out.println(\"before\");\n"
                + "display(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB));\n"
                + "org.paperlab.lab.Chart.line(\"t\", \"x\", \"y\")");
    List<WireClient.Msg> shown = r.of("display_data");
    assertEquals(1, shown.size());
    JsonObject data = shown.get(0).content().getAsJsonObject("data");
    byte[] png = Base64.getDecoder().decode(data.get("image/png").getAsString());
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "PNG signature");
    assertEquals("<image 2x2>", data.get("text/plain").getAsString());
    assertTrue(r.index("stream") < r.index("display_data"), "what was printed before display comes first");
    JsonObject value = r.of("execute_result").get(0).content().getAsJsonObject("data");
    assertTrue(value.has("image/png"));
    assertEquals("<chart 800x560>", value.get("text/plain").getAsString());
  }

  @Test
  void aCompileErrorIsAnErrorNamingTheLine() {
    Run r = execute("int fine = 1;\nint x = \"s\";");
    assertEquals("error", r.reply().content().get("status").getAsString());
    assertEquals("CompileError", r.reply().content().get("ename").getAsString());
    List<WireClient.Msg> errors = r.of("error");
    assertEquals(1, errors.size());
    assertEquals("CompileError", errors.get(0).content().get("ename").getAsString());
    List<String> tb = traceback(errors.get(0));
    assertTrue(tb.get(0).startsWith("incompatible types"), tb.toString());
    assertEquals("cell [" + r.count() + "] line 2: int x = \"s\";", tb.get(1));
  }

  @Test
  void aRuntimeExceptionIsAnErrorWithItsClassAndLine() {
    Run r = execute("int two = 2;\nint q = 1 / (two - 2);");
    assertEquals("error", r.reply().content().get("status").getAsString());
    WireClient.Msg error = r.of("error").get(0);
    assertEquals("RuntimeError", error.content().get("ename").getAsString());
    List<String> tb = traceback(error);
    assertEquals("java.lang.ArithmeticException: / by zero", tb.get(0));
    assertEquals("    at cell [" + r.count() + "] line 2: int q = 1 / (two - 2);", tb.get(1));
    assertTrue(error.content().get("evalue").getAsString().startsWith("java.lang.ArithmeticException: / by zero\n"));
  }

  @Test
  void anInterruptRequestStopsARunningCell() {
    String id = client.execute("while (true) { Thread.onSpinWait(); }");
    WireClient.Msg reply = null;
    // interrupt until the cell ends (an interrupt that arrives before the loop starts does nothing)
    for (int i = 0; i < 100 && reply == null; i++) {
      String interrupt = client.send(client.control, "interrupt_request", new JsonObject());
      assertEquals("interrupt_reply", client.reply(client.control, interrupt, 10_000).type());
      WireClient.Msg m = client.receive(client.shell, 200);
      if (m != null && id.equals(m.parentId())) {
        reply = m;
      }
    }
    assertTrue(reply != null, "the cell was not interrupted");
    assertEquals("error", reply.content().get("status").getAsString());
    assertEquals("Interrupted", reply.content().get("ename").getAsString());
    // the kernel goes on
    Run after = execute("1 + 1");
    JsonObject data = after.of("execute_result").get(0).content().getAsJsonObject("data");
    assertEquals("2", data.get("text/plain").getAsString());
  }
}
