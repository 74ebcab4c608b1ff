package org.paperlab.flow;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.paperlab.core.config.Configs;
import org.paperlab.core.io.AtomicFiles;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.Json;
import org.paperlab.core.nn.Activation;
import org.paperlab.core.nn.MlpConfig;

/**
 * The one-file format of a {@link FlowModel} (big-endian):
 *
 * <pre>
 *   "PAPERLAB-FLOW\n"        14 bytes, the magic
 *   int    format version    (1)
 *   int    header length, then the header: UTF-8 JSON with dim, hidden, activation,
 *          rectification, distilled, has_ema, parameters and the whole training config
 *          (flat keys, {@link Configs})
 *   float  raw weights       (parameters of them)
 *   float  EMA weights       (as many, when has_ema)
 *   long   CRC-32 of every byte before it
 * </pre>
 *
 * A file that is not a model, has another version, is truncated, fails its checksum or does not
 * agree with itself is refused with a {@link DataFormatException} naming the file and the problem.
 */
final class ModelFile {
  static final byte[] MAGIC = "PAPERLAB-FLOW\n".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private ModelFile() {}

  static void write(FlowModel m, Path file) {
    AtomicFiles.write(file, bytes(m));
  }

  static byte[] bytes(FlowModel m) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("dim", m.dim());
    header.put("hidden", m.network().hidden());
    header.put("activation", m.network().activation().name().toLowerCase(java.util.Locale.ROOT));
    header.put("rectification", m.rectification());
    header.put("distilled", m.distilled());
    header.put("has_ema", m.hasEma());
    header.put("parameters", m.network().parameterCount());
    header.put("config", Configs.toMap(m.config()));
    byte[] h = Json.write(header).getBytes(StandardCharsets.UTF_8);
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bos);
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(h.length);
      out.write(h);
      for (float w : m.rawWeights()) {
        out.writeFloat(w);
      }
      if (m.hasEma()) {
        for (float w : m.emaWeights()) {
          out.writeFloat(w);
        }
      }
      out.flush();
      CRC32 crc = new CRC32();
      crc.update(bos.toByteArray());
      out.writeLong(crc.getValue());
      out.flush();
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FlowModel read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, 0, 0, "file not found");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + AtomicFiles.reason(e), e);
    }
    return parse(all, file);
  }

  static FlowModel parse(byte[] all, Path file) {
    if (all.length < MAGIC.length || !java.util.Arrays.equals(MAGIC, 0, MAGIC.length, all, 0, MAGIC.length)) {
      throw new DataFormatException(file, 0, 0, "is not a paperlab flow model (no PAPERLAB-FLOW header)");
    }
    ByteBuffer in = ByteBuffer.wrap(all);
    in.position(MAGIC.length);
    try {
      int version = in.getInt();
      if (version != VERSION) {
        throw new DataFormatException(file, 0, 0,
            "has model format version " + version + "; this paperlab reads version " + VERSION);
      }
      int hlen = in.getInt();
      if (hlen <= 0 || hlen > in.remaining()) {
        throw truncated(file, all.length);
      }
      byte[] hb = new byte[hlen];
      in.get(hb);
      Json.Obj header = header(new String(hb, StandardCharsets.UTF_8), file);
      int dim = integer(header, "dim", file);
      List<Integer> hidden = new ArrayList<>();
      if (!(header.get("hidden") instanceof Json.Arr arr)) {
        throw corrupt(file, "header field 'hidden' is missing");
      }
      for (Json.Node n : arr.items()) {
        if (!(n instanceof Json.Num num) || !num.isInteger() || num.value() <= 0) {
          throw corrupt(file, "header field 'hidden' must hold positive widths");
        }
        hidden.add((int) num.value());
      }
      Activation act = Activation.parse(text(header, "activation", file));
      int rect = integer(header, "rectification", file);
      boolean distilled = bool(header, "distilled", file);
      boolean hasEma = bool(header, "has_ema", file);
      long params = integer(header, "parameters", file);
      MlpConfig net;
      FlowConfig config;
      try {
        net = new MlpConfig(dim, hidden, dim, act, true, DataType.FLOAT);
        if (!(header.get("config") instanceof Json.Obj cfg)) {
          throw corrupt(file, "header field 'config' is missing");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        cfg.fields().forEach((k, v) -> flat.put(k, v instanceof Json.Str s ? s.text() : String.valueOf(v)));
        config = Configs.fromMap(FlowConfig.class, flat);
      } catch (IllegalArgumentException e) {
        throw corrupt(file, "inconsistent header: " + e.getMessage());
      }
      if (net.parameterCount() != params) {
        throw corrupt(file, "the header says " + params + " parameters, its network has " + net.parameterCount());
      }
      long expected = (long) MAGIC.length + 8 + hlen + 4L * params * (hasEma ? 2 : 1) + 8;
      if (all.length < expected) {
        throw truncated(file, all.length, expected);
      }
      if (all.length > expected) {
        throw corrupt(file, (all.length - expected) + " bytes after the end of the model");
      }
      float[] raw = floats(in, (int) params);
      float[] ema = hasEma ? floats(in, (int) params) : null;
      long stored = in.getLong();
      CRC32 crc = new CRC32();
      crc.update(all, 0, all.length - 8);
      if (crc.getValue() != stored) {
        throw corrupt(file, "checksum mismatch (the file was changed or damaged)");
      }
      for (int i = 0; i < raw.length; i++) {
        if (!Float.isFinite(raw[i]) || (ema != null && !Float.isFinite(ema[i]))) {
          throw corrupt(file, "weight " + i + " is not finite");
        }
      }
      return new FlowModel(net, raw, ema, config, rect, distilled);
    } catch (BufferUnderflowException e) {
      throw truncated(file, all.length);
    }
  }

  private static float[] floats(ByteBuffer in, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.getFloat();
    }
    return out;
  }

  private static Json.Obj header(String text, Path file) {
    Json.Node n;
    try {
      n = Json.parse(text, file);
    } catch (DataFormatException e) {
      throw corrupt(file, "unreadable header (" + e.problem() + ")");
    }
    if (!(n instanceof Json.Obj o)) {
      throw corrupt(file, "the header is not a JSON object");
    }
    return o;
  }

  private static int integer(Json.Obj h, String key, Path file) {
    if (!(h.get(key) instanceof Json.Num n) || !n.isInteger() || Math.abs(n.value()) > Integer.MAX_VALUE) {
      throw corrupt(file, "header field '" + key + "' must be an integer");
    }
    return (int) n.value();
  }

  private static boolean bool(Json.Obj h, String key, Path file) {
    if (!(h.get(key) instanceof Json.Bool b)) {
      throw corrupt(file, "header field '" + key + "' must be true or false");
    }
    return b.value();
  }

  private static String text(Json.Obj h, String key, Path file) {
    if (!(h.get(key) instanceof Json.Str s)) {
      throw corrupt(file, "header field '" + key + "' must be a string");
    }
    return s.text();
  }

  private static DataFormatException corrupt(Path file, String problem) {
    return new DataFormatException(file, 0, 0, "is not a valid flow model: " + problem);
  }

  private static DataFormatException truncated(Path file, long size) {
    return new DataFormatException(file, 0, 0, "is truncated (" + size + " bytes)");
  }

  private static DataFormatException truncated(Path file, long size, long expected) {
    return new DataFormatException(file, 0, 0, "is truncated (" + size + " bytes of " + expected + ")");
  }
}
