package org.paperlab.core.config;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.Numbers;

/**
 * Text form of one config value, by its declared Java type: the codec behind {@link Configs} and
 * {@link Variants}.
 *
 * <ul>
 *   <li>numbers by {@link Numbers} (doubles written by {@link Double#toString}, which reads back to
 *       the same bits), booleans {@code true}/{@code false}, strings and paths as they are;
 *   <li>enum constants by their lower-case name with {@code -} for {@code _};
 *   <li>a value of a sealed family of records as {@code name(component=value, ...)}, or just
 *       {@code name} when the variant has no components;
 *   <li>a record that is not a variant as {@code (component=value, ...)};
 *   <li>lists and arrays as their elements joined by {@code ,} (commas inside parentheses belong
 *       to the element).
 * </ul>
 */
final class Values {
  private Values() {}

  static String format(Type type, Object value) {
    Class<?> raw = raw(type);
    if (value == null) {
      throw new IllegalArgumentException("a config value of type " + raw.getSimpleName() + " is null");
    }
    if (raw == double.class || raw == Double.class) {
      return Double.toString((Double) value);
    }
    if (raw == float.class || raw == Float.class) {
      return Float.toString((Float) value);
    }
    if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class
        || raw == String.class || raw == Path.class) {
      return value.toString();
    }
    if (raw.isEnum()) {
      return enumName((Enum<?>) value);
    }
    if (raw.isArray()) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        parts.add(format(raw.getComponentType(), Array.get(value, i)));
      }
      return String.join(",", parts);
    }
    if (List.class.isAssignableFrom(raw)) {
      Type element = elementType(type);
      List<String> parts = new ArrayList<>();
      for (Object o : (List<?>) value) {
        parts.add(format(element, o));
      }
      return String.join(",", parts);
    }
    if (raw.isInterface() && raw.isSealed()) {
      return Variants.format(value);
    }
    if (raw.isRecord()) {
      return "(" + arguments((Record) value) + ")";
    }
    throw new IllegalStateException("config values of type " + raw.getName() + " have no text form");
  }

  /** {@code a=1, b=x} for the components of a record. */
  static String arguments(Record r) {
    List<String> parts = new ArrayList<>();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      parts.add(c.getName() + "=" + format(c.getGenericType(), get(c, r)));
    }
    return String.join(", ", parts);
  }

  static Object parse(Type type, String text, String key) {
    Class<?> raw = raw(type);
    if (text == null) {
      throw new InvalidArgumentException(key, " has no value");
    }
    String t = text.trim();
    try {
      if (raw == double.class || raw == Double.class) {
        return Numbers.parseDouble(t);
      }
      if (raw == float.class || raw == Float.class) {
        return (float) Numbers.parseDouble(t);
      }
      if (raw == int.class || raw == Integer.class) {
        return Numbers.parseInt(t);
      }
      if (raw == long.class || raw == Long.class) {
        return Numbers.parseLong(t);
      }
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException(key, " = '" + text + "' is not " + kind(raw) + ": " + e.getMessage());
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return switch (t.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new InvalidArgumentException(key, " = '" + text + "' must be true or false");
      };
    }
    if (raw == String.class) {
      return text;
    }
    if (raw == Path.class) {
      return Path.of(t);
    }
    if (raw.isEnum()) {
      return parseEnum(raw, t, key);
    }
    if (raw.isArray()) {
      List<String> parts = split(t, ',');
      Object out = Array.newInstance(raw.getComponentType(), parts.size());
      for (int i = 0; i < parts.size(); i++) {
        Array.set(out, i, parse(raw.getComponentType(), parts.get(i), key + "[" + i + "]"));
      }
      return out;
    }
    if (List.class.isAssignableFrom(raw)) {
      Type element = elementType(type);
      List<Object> out = new ArrayList<>();
      List<String> parts = split(t, ',');
      for (int i = 0; i < parts.size(); i++) {
        out.add(parse(element, parts.get(i), key + "[" + i + "]"));
      }
      return List.copyOf(out);
    }
    if (raw.isInterface() && raw.isSealed()) {
      return Variants.parse(raw, t, key);
    }
    if (raw.isRecord()) {
      if (!t.startsWith("(") || !t.endsWith(")")) {
        throw new InvalidArgumentException(key, " = '" + text + "' must be written (component=value, ...)");
      }
      @SuppressWarnings("unchecked")
      Class<? extends Record> rc = (Class<? extends Record>) raw;
      return construct(rc, arguments(rc, t.substring(1, t.length() - 1), key), key);
    }
    throw new IllegalStateException("config values of type " + raw.getName() + " have no text form");
  }

  /** Parses {@code a=1, b=x} (or a single bare value when the record has one component). */
  static Map<String, String> arguments(Class<? extends Record> type, String text, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    RecordComponent[] cs = type.getRecordComponents();
    if (text.isBlank()) {
      return out;
    }
    for (String part : split(text, ',')) {
      int eq = part.indexOf('=');
      int paren = part.indexOf('(');
      if (eq < 0 || (paren >= 0 && paren < eq)) {
        if (cs.length == 1 && out.isEmpty()) {
          out.put(cs[0].getName(), part);
          continue;
        }
        throw new InvalidArgumentException(key, ": '" + part + "' must be written component=value");
      }
      String name = part.substring(0, eq).trim();
      if (out.put(name, part.substring(eq + 1).trim()) != null) {
        throw new InvalidArgumentException(key, ": " + name + " is given twice");
      }
    }
    return out;
  }

  /** A record from text values of its components; every component must be given. */
  static <R extends Record> R construct(Class<R> type, Map<String, String> values, String key) {
    RecordComponent[] cs = type.getRecordComponents();
    List<String> names = new ArrayList<>();
    for (RecordComponent c : cs) {
      names.add(c.getName());
    }
    for (String k : values.keySet()) {
      if (!names.contains(k)) {
        throw new InvalidArgumentException(key, ": unknown component '" + k + "'; " + describe(type) + " has " + names);
      }
    }
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    Record defaults = null;
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      String v = values.get(cs[i].getName());
      if (v == null) {
        if (defaults == null) {
          defaults = defaults(type);
        }
        if (defaults == null) {
          throw new InvalidArgumentException(key, ": " + describe(type) + " needs " + cs[i].getName() + " (it has " + names + ")");
        }
        args[i] = get(cs[i], defaults);
        continue;
      }
      args[i] = parse(cs[i].getGenericType(), v, key + "." + cs[i].getName());
    }
    return newInstance(type, types, args, key);
  }

  /**
   * The record's own defaults: its {@code public static R defaults()}, when it declares one; the
   * components a text leaves out are taken from it ({@code u-shaped} is {@code u-shaped(a=4.0)}).
   */
  static Record defaults(Class<? extends Record> type) {
    try {
      var m = type.getMethod("defaults");
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
        return null;
      }
      return (Record) m.invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("defaults() of " + type.getName() + " failed", e);
    }
  }

  static <R extends Record> R newInstance(Class<R> type, Class<?>[] types, Object[] args, String key) {
    try {
      Constructor<R> ctor = type.getDeclaredConstructor(types);
      ctor.trySetAccessible();
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidArgumentException iae && !key.isEmpty()) {
        throw iae.renamed(key + "." + iae.argument());
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName() + ": " + e, e);
    }
  }

  static Object get(RecordComponent c, Record r) {
    try {
      var accessor = c.getAccessor();
      accessor.trySetAccessible();
      return accessor.invoke(r);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("accessor " + c.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
    }
  }

  static String enumName(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Object parseEnum(Class<?> type, String text, String key) {
    String want = text.toLowerCase(Locale.ROOT).replace('_', '-');
    List<String> names = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      String n = enumName((Enum<?>) c);
      if (n.equals(want)) {
        return c;
      }
      names.add(n);
    }
    throw new InvalidArgumentException(key, " = '" + text + "' is not one of " + String.join(", ", names));
  }

  /** Splits at {@code sep} outside parentheses; blank parts of a blank text give no parts. */
  static List<String> split(String text, char sep) {
    List<String> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
        if (depth < 0) {
          throw new IllegalArgumentException("'" + text + "' has a ')' without its '('");
        }
      } else if (ch == sep && depth == 0) {
        out.add(text.substring(start, i).trim());
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw new IllegalArgumentException("'" + text + "' has a '(' without its ')'");
    }
    out.add(text.substring(start).trim());
    return out;
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalStateException("config values of type " + type + " have no text form");
  }

  static Type elementType(Type listType) {
    if (listType instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    throw new IllegalStateException("a config list needs its element type, got raw " + listType);
  }

  static String describe(Class<?> type) {
    Name n = type.getAnnotation(Name.class);
    return n != null ? n.value() : type.getSimpleName();
  }

  private static String kind(Class<?> raw) {
    return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
        ? "a whole number" : "a number";
  }
}
