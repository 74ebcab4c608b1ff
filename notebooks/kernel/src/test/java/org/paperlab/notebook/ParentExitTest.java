package org.paperlab.notebook;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel whose starting process dies ends too (no kernel JVM left behind when Jupyter is
 * killed). A shell starts the kernel in the background, prints its pid and exits.
 */
class ParentExitTest {
  @Test
  void theKernelEndsWhenItsParentEnds(@TempDir Path dir) throws Exception {
    Path connection = dir.resolve("connection.json");
    try (WireClient ports = new WireClient()) {
      Files.writeString(connection, ports.connectionJson);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            "bash",
            "-c",
            "\"$0\" -cp \"$1\" org.paperlab.notebook.Main \"$2\" >/dev/null 2>&1 & echo $!; sleep 2",
            java,
            System.getProperty("java.class.path"),
            connection.toString());
    Process shell = pb.start();
    long pid;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
      pid = Long.parseLong(r.readLine().trim());
    }
    Optional<ProcessHandle> kernel = ProcessHandle.of(pid);
    try {
      assertTrue(shell.waitFor(30, TimeUnit.SECONDS), "the shell did not end");
      boolean ended =
          kernel
              .map(k -> k.onExit().orTimeout(30, TimeUnit.SECONDS).handle((h, e) -> e == null).join())
              .orElse(true);
      assertTrue(ended, "the kernel " + pid + " still runs 30 s after its parent ended");
    } finally {
      kernel.ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
