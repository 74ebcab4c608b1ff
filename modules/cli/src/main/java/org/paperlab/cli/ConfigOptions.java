package org.paperlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Configs;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of a command that set a method's config: each names one key of the config's flat
 * map ({@link Configs}). The command types no default and no check of its own: the defaults that
 * {@code --help} shows are read from the config's {@code defaults()} ({@link Defaults}), the
 * values are parsed and validated by the config itself ({@link #config}), and an error is told
 * under the option's name ({@code --max-iter = 0 must be > 0}, not {@code maxIterations}).
 *
 * @param <R> the config record
 */
final class ConfigOptions<R extends Record> {
  private final R defaults;
  private final Map<String, String> optionToKey;
  private final Map<String, String> keyToOption = new LinkedHashMap<>();

  /**
   * @param defaults the config's defaults
   * @param optionToKey option name (e.g. {@code --max-iter}) to config key ({@code maxIterations})
   */
  ConfigOptions(R defaults, Map<String, String> optionToKey) {
    this.defaults = defaults;
    this.optionToKey = Map.copyOf(optionToKey);
    var keys = Configs.keys(defaults.getClass());
    optionToKey.forEach((option, key) -> {
      if (!keys.contains(key)) {
        throw new IllegalStateException(option + " names no setting '" + key + "' of " + defaults.getClass().getSimpleName());
      }
      keyToOption.put(key, option);
    });
  }

  /** The config key an option sets, or null. */
  String key(String option) {
    return optionToKey.get(option);
  }

  /** The option that sets a config key, or null. */
  String option(String key) {
    return keyToOption.get(key);
  }

  /** The default text of an option, from the config's defaults (null for other options). */
  String defaultText(String option) {
    String key = optionToKey.get(option);
    return key == null ? null : Configs.toMap(defaults).get(key);
  }

  /**
   * The config that the parsed options of {@code spec} describe, starting from the defaults and
   * overlaid with {@code extra} (keys set by the command from other options, e.g. a seed).
   *
   * @throws InvalidArgumentException named for the option at fault
   */
  R config(CommandSpec spec, Map<String, String> extra) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : optionToKey.entrySet()) {
      OptionSpec o = spec.findOption(e.getKey());
      if (o == null) {
        throw new IllegalStateException(spec.qualifiedName() + " has no option " + e.getKey());
      }
      Object v = o.getValue();
      if (v != null) {
        values.put(e.getValue(), v.toString());
      }
    }
    values.putAll(extra);
    try {
      return Configs.with(defaults, values);
    } catch (InvalidArgumentException e) {
      throw inOptionTerms(e);
    }
  }

  /** {@code e} told under the option that sets its argument, when there is one. */
  InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
    String arg = e.argument();
    String option = keyToOption.get(arg);
    if (option == null && arg.contains(".")) {
      option = keyToOption.get(arg.substring(0, arg.indexOf('.')));
    }
    return option == null ? e : e.renamed(option);
  }

  /**
   * A picocli default provider over one or more {@link ConfigOptions}: a command names a subclass
   * in {@code @Command(defaultValueProvider = ...)}, so its help shows the config's defaults.
   */
  abstract static class Defaults implements CommandLine.IDefaultValueProvider {
    private final ConfigOptions<?>[] options;

    Defaults(ConfigOptions<?>... options) {
      this.options = options;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
      if (!(arg instanceof OptionSpec o)) {
        return null;
      }
      for (ConfigOptions<?> c : options) {
        String d = c.defaultText(o.longestName());
        if (d != null) {
          return d;
        }
      }
      return null;
    }
  }
}
