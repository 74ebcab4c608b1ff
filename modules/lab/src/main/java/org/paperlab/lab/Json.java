package org.paperlab.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.paperlab.core.io.AtomicFiles;

/** JSON reading and (atomic, pretty-printed) writing with one shared Jackson mapper. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** The shared mapper (records and maps serialize as objects). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Pretty-printed JSON text of {@code value}. */
  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + value.getClass() + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code value} as JSON to {@code file}, atomically. */
  public static void write(Path file, Object value) {
    AtomicFiles.writeString(file, toString(value));
  }

  /** Reads a JSON tree. */
  public static JsonNode read(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JSON " + file + ": " + e.getMessage(), e);
    }
  }
}
