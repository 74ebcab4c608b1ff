package org.paperlab.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.paperlab.core.Checks;

/**
 * The non-blank lines of a text with their line numbers, as paperlab's CSV readers see a file: a
 * UTF-8 byte-order mark at the start of the first line is dropped, and blank lines (empty or only
 * white space) are skipped but counted, so {@link #lineNumber()} is the 1-based line in the file
 * that a {@link DataFormatException} reports.
 */
public final class TextLines {
  private final BufferedReader reader;
  private long lineNumber;

  /**
   * The lines of {@code file}, which must be UTF-8 (a byte-order mark is allowed): bytes that are
   * not are refused with a {@link DataFormatException} at their line and column, never replaced
   * in silence.
   */
  public static TextLines open(Path file) {
    Checks.notNull("file", file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
    }
    return new TextLines(new BufferedReader(new StringReader(decodeUtf8(bytes, file))));
  }

  /** Strict UTF-8 decoding; an invalid byte is located by line and column (in characters). */
  static String decodeUtf8(byte[] bytes, Path file) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = dec.decode(in, out, true);
    if (r.isError()) {
      out.flip();
      long line = 1;
      int col = 1;
      for (int i = 0; i < out.limit(); i++) {
        if (out.get(i) == '\n') {
          line++;
          col = 1;
        } else {
          col++;
        }
      }
      throw new DataFormatException(file, line, col, String.format(
          "is not UTF-8 text (byte 0x%02X); save the file as UTF-8", bytes[in.position()] & 0xff));
    }
    dec.flush(out);
    out.flip();
    return out.toString();
  }

  /** Reads from {@code reader}, from its current position (line 1). */
  public TextLines(BufferedReader reader) {
    this.reader = Checks.notNull("reader", reader);
  }

  /** The next line that is not blank, or null at the end of the text. */
  public String next() throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  /** The 1-based line number of the line {@link #next()} returned last (0 before the first call). */
  public long lineNumber() {
    return lineNumber;
  }
}
