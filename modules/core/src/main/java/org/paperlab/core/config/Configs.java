package org.paperlab.core.config;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * One conversion between every config record and a flat map of text values, over the record's
 * components (nothing is written per config): the command line builds a config from its options
 * through it, and run.json records a whole config with it.
 *
 * <p>Keys are the component names in declaration order; a component whose type is itself a record
 * (not a variant of a sealed family) is flattened under {@code name.}. Values are the text forms of
 * {@link Values}: numbers (doubles exactly, by {@link Double#toString}), booleans, enum names,
 * variants {@code name(component=value, ...)}, lists joined by commas.
 *
 * <pre>{@code
 * Map<String, String> m = Configs.toMap(SinkhornConfig.defaults());  // {epsilon=0.05, epsilonScale=none, ...}
 * SinkhornConfig c = Configs.with(SinkhornConfig.defaults(), Map.of("maxIterations", "500"));
 * Configs.fromMap(SinkhornConfig.class, m).equals(SinkhornConfig.defaults());  // true
 * }</pre>
 *
 * Every value passes through the record's canonical constructor, so a config made here is
 * validated exactly as one made in code. A key that the record does not have is an error that
 * lists the valid keys.
 */
public final class Configs {
  private Configs() {}

  /** The flat text map of {@code config}, in component order. */
  public static Map<String, String> toMap(Record config) {
    Checks.notNull("config", config);
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "", config);
    return out;
  }

  /**
   * The flat map of {@code config} with JSON-ready values: numbers and booleans as such (a
   * non-finite double as its text), everything else as its text form. For run.json and the
   * command line's JSON outputs.
   */
  public static Map<String, Object> toJson(Record config) {
    Checks.notNull("config", config);
    Map<String, Object> out = new LinkedHashMap<>();
    putTyped(out, "", config);
    return out;
  }

  /** The keys of {@code type}'s flat map, in component order. */
  public static List<String> keys(Class<? extends Record> type) {
    Checks.notNull("type", type);
    List<String> out = new ArrayList<>();
    keys(out, "", type);
    return List.copyOf(out);
  }

  /**
   * The config of {@code type} with every key of {@link #keys} given in {@code values}.
   *
   * @throws IllegalArgumentException naming the key, for a missing, unknown or invalid value
   */
  public static <R extends Record> R fromMap(Class<R> type, Map<String, String> values) {
    Checks.notNull("type", type);
    Checks.notNull("values", values);
    List<String> valid = keys(type);
    for (String k : values.keySet()) {
      if (!valid.contains(k)) {
        throw new InvalidArgumentException(k, " is not a setting of " + type.getSimpleName() + "; settings: "
            + String.join(", ", valid));
      }
    }
    return build(type, "", values);
  }

  /** {@code config} with the settings in {@code changes} replaced (text values, keys of {@link #keys}). */
  public static <R extends Record> R with(R config, Map<String, String> changes) {
    Checks.notNull("changes", changes);
    Map<String, String> m = toMap(config);
    m.putAll(changes);
    @SuppressWarnings("unchecked")
    Class<R> type = (Class<R>) config.getClass();
    return fromMap(type, m);
  }

  /** {@code config} with one setting replaced. */
  public static <R extends Record> R with(R config, String key, String value) {
    Checks.notNull("key", key);
    return with(config, Map.of(key, value));
  }

  private static void put(Map<String, String> out, String prefix, Record r) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = Values.get(c, r);
      if (flattened(c.getType())) {
        put(out, prefix + c.getName() + ".", (Record) v);
      } else {
        out.put(prefix + c.getName(), Values.format(c.getGenericType(), v));
      }
    }
  }

  private static void putTyped(Map<String, Object> out, String prefix, Record r) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = Values.get(c, r);
      Class<?> t = c.getType();
      if (flattened(t)) {
        putTyped(out, prefix + c.getName() + ".", (Record) v);
      } else if (v instanceof Double d && !Double.isFinite(d)) {
        out.put(prefix + c.getName(), d.toString());
      } else if (v instanceof Float f && !Float.isFinite(f)) {
        out.put(prefix + c.getName(), f.toString());
      } else if (t.isPrimitive() || v instanceof Number || v instanceof Boolean) {
        out.put(prefix + c.getName(), v);
      } else {
        out.put(prefix + c.getName(), Values.format(c.getGenericType(), v));
      }
    }
  }

  private static void keys(List<String> out, String prefix, Class<?> type) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (flattened(c.getType())) {
        keys(out, prefix + c.getName() + ".", c.getType());
      } else {
        out.add(prefix + c.getName());
      }
    }
  }

  private static <R extends Record> R build(Class<R> type, String prefix, Map<String, String> values) {
    RecordComponent[] cs = type.getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      RecordComponent c = cs[i];
      types[i] = c.getType();
      String key = prefix + c.getName();
      if (flattened(c.getType())) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> nested = (Class<? extends Record>) c.getType();
        args[i] = build(nested, key + ".", values);
      } else {
        Type gt = c.getGenericType();
        String text = values.get(key);
        if (text == null) {
          throw new InvalidArgumentException(key, " is missing (" + type.getSimpleName() + " needs every setting)");
        }
        args[i] = Values.parse(gt, text, key);
      }
    }
    return Values.newInstance(type, types, args, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
  }

  private static boolean flattened(Class<?> type) {
    return type.isRecord();
  }
}
