package org.paperlab.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The experiments registered on the class path ({@link java.util.ServiceLoader}). */
public final class Experiments {
  private Experiments() {}

  /** All registered experiments, sorted by name. */
  public static List<Experiment> all() {
    List<Experiment> list = new ArrayList<>();
    ServiceLoader.load(Experiment.class).forEach(list::add);
    list.sort(Comparator.comparing(Experiment::name));
    return List.copyOf(list);
  }

  /** The experiment with this name, if registered. */
  public static Optional<Experiment> find(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The experiment with this name, or an error that lists the known names. */
  public static Experiment require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown experiment '" + name + "'; known: "
                        + all().stream().map(Experiment::name).collect(Collectors.joining(", "))));
  }
}
