package org.paperlab.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperlab.core.Checks;
import org.paperlab.core.InvalidArgumentException;

/**
 * Names and text forms of the variants of a family: an enum, or a sealed interface whose
 * permitted types are records carrying {@link Name}. Parsing is exhaustive by construction (it
 * reads the enum's constants or the interface's permitted types), and an unknown name is an error
 * that lists every valid one.
 *
 * <pre>{@code
 * Schedule s = Variants.parse(Schedule.class, "sqrt-t(c=0.5)");   // new InvSqrtT(0.5)
 * Variants.format(s);                                              // "sqrt-t(c=0.5)"
 * Variants.names(Schedule.class);                                  // [constant, sqrt-t, ...]
 * Variants.parse(Method.class, "log");                             // Method.LOG
 * }</pre>
 *
 * A variant with components is written {@code name(component=value, ...)}; one with a single
 * component may also be written {@code name(value)}; one without components is its name. A
 * variant record that declares {@code public static R defaults()} may be written with fewer
 * components, or as its bare name: the missing ones come from its defaults. A family
 * type's own {@code parse(String)} should delegate here, so that every family reads the same way.
 */
public final class Variants {
  private Variants() {}

  /**
   * The names of every variant of {@code family}, in declaration order: the order of an enum's
   * constants, or of a sealed interface's {@code permits} clause (write one: without it the
   * compiler's order of the inferred subclasses is not specified).
   */
  public static List<String> names(Class<?> family) {
    Checks.notNull("family", family);
    List<String> out = new ArrayList<>();
    if (family.isEnum()) {
      for (Object c : family.getEnumConstants()) {
        out.add(Values.enumName((Enum<?>) c));
      }
      return List.copyOf(out);
    }
    for (Class<?> v : permitted(family)) {
      out.add(nameOf(v));
    }
    return List.copyOf(out);
  }

  /** The name of one variant: an enum constant or a record of a sealed family. */
  public static String name(Object variant) {
    Checks.notNull("variant", variant);
    if (variant instanceof Enum<?> e) {
      return Values.enumName(e);
    }
    return nameOf(variant.getClass());
  }

  /** The text form of a variant, e.g. {@code sqrt-t(c=0.5)}, {@code last}, {@code median}. */
  public static String format(Object variant) {
    Checks.notNull("variant", variant);
    if (variant instanceof Enum<?> e) {
      return Values.enumName(e);
    }
    String name = nameOf(variant.getClass());
    Record r = (Record) variant;
    return r.getClass().getRecordComponents().length == 0 ? name : name + "(" + Values.arguments(r) + ")";
  }

  /** Parses the text form of a variant of {@code family}; errors name {@code family}'s simple name. */
  public static <T> T parse(Class<T> family, String text) {
    return parse(family, text, lowerFirst(family.getSimpleName()));
  }

  /** Parses the text form of a variant of {@code family}; errors name the setting {@code key}. */
  public static <T> T parse(Class<T> family, String text, String key) {
    Checks.notNull("family", family);
    Checks.notNull("key", key);
    if (text == null) {
      throw new InvalidArgumentException(key, " has no value; one of " + String.join(", ", names(family)));
    }
    String t = text.trim();
    if (family.isEnum()) {
      return family.cast(Values.parseEnum(family, t, key));
    }
    int open = t.indexOf('(');
    String name = (open < 0 ? t : t.substring(0, open)).trim();
    Class<? extends Record> variant = variant(family, name, key);
    Map<String, String> args;
    if (open < 0) {
      args = Map.of();
    } else {
      if (!t.endsWith(")")) {
        throw new InvalidArgumentException(key, " = '" + text + "' must end with ')'");
      }
      args = Values.arguments(variant, t.substring(open + 1, t.length() - 1), key);
    }
    return family.cast(Values.construct(variant, args, key));
  }

  /** A variant of {@code family} named {@code name} from its components' text values. */
  public static <T> T of(Class<T> family, String name, Map<String, String> components, String key) {
    Checks.notNull("components", components);
    return family.cast(Values.construct(variant(family, name, key), components, key));
  }

  /** The record type of the variant named {@code name}; an unknown name lists the valid ones. */
  public static Class<? extends Record> variant(Class<?> family, String name, String key) {
    for (Class<?> v : permitted(family)) {
      if (nameOf(v).equals(name)) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> r = (Class<? extends Record>) v;
        return r;
      }
    }
    throw new InvalidArgumentException(key, " = '" + name + "' is not one of " + String.join(", ", names(family)));
  }

  private static List<Class<?>> permitted(Class<?> family) {
    Checks.require(family.isInterface() && family.isSealed(),
        "%s is neither an enum nor a sealed interface", family.getName());
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : family.getPermittedSubclasses()) {
      Checks.require(c.isRecord(), "variant %s of %s is not a record", c.getName(), family.getName());
      out.add(c);
    }
    return out;
  }

  private static String nameOf(Class<?> variant) {
    Name n = variant.getAnnotation(Name.class);
    if (n == null) {
      throw new IllegalStateException(variant.getName() + " carries no @Name");
    }
    return n.value();
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
