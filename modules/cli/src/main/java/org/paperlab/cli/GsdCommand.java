package org.paperlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.paperlab.core.InvalidArgumentException;
import org.paperlab.core.config.Variants;
import org.paperlab.gsd.Attributes;
import org.paperlab.gsd.Evaluation;
import org.paperlab.gsd.EvaluationConfig;
import org.paperlab.gsd.FitResult;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.LogisticRegression;
import org.paperlab.gsd.PrivacyLedger;
import org.paperlab.gsd.PrivateSynthesis;
import org.paperlab.gsd.QueryOptions;
import org.paperlab.gsd.Schema;
import org.paperlab.gsd.SynthesisConfig;
import org.paperlab.gsd.SynthesisResult;
import org.paperlab.gsd.Table;
import org.paperlab.gsd.TableCsv;
import org.paperlab.gsd.WorkloadSet;
import org.paperlab.gsd.Workloads;
import org.paperlab.lab.OutputFiles;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code paperlab gsd}: differentially private synthetic data for users' own CSV files with
 * Private-GSD (Liu, Tang, Vietri and Wu, ICML 2023): {@code synthesize} and {@code evaluate}.
 * Both are thin: options name config keys ({@link ConfigOptions}), the library validates and
 * computes, and every output goes through {@link OutputFiles} (checked before the work, written
 * all or none, the JSON with {@code config} and {@code provenance}).
 */
@Command(
    name = "gsd",
    mixinStandardHelpOptions = true,
    description = {
      "Private-GSD: differentially private synthetic tables by a genetic algorithm.",
      "",
      "  paperlab gsd synthesize --data train.csv --attrs attrs.json --epsilon 1 --out synthetic.csv",
      "  paperlab gsd evaluate --real test.csv --synthetic synthetic.csv --attrs attrs.json --out errors.json",
      ""
    },
    subcommands = {GsdCommand.Synthesize.class, GsdCommand.Evaluate.class, CommandLine.HelpCommand.class})
final class GsdCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final String QUERIES_HELP =
      "Comma-separated query families: 1way, 2way, 3way (categorical marginals, at most 100,000 cells each),"
          + " range (categorical x numeric at 2..64 bins, categorical x 2 numerics at 2..16 bins),"
          + " prefix (categorical value AND x < t, 64 per categorical column),"
          + " halfspace (categorical value AND <w,x> > b, 64 per categorical column)."
          + " Default: 2way,3way without numeric columns, 2way,range with them.";

  /** The synthesis' options: keys of {@link SynthesisConfig}. */
  static final ConfigOptions<SynthesisConfig> SYNTHESIS = new ConfigOptions<>(SynthesisConfig.defaults(), Map.of(
      "--epsilon", "epsilon", "--delta", "delta", "--mode", "mode", "--rounds", "rounds", "--per-round", "perRound",
      "--seed", "seed"));

  /** The generator's options: keys of {@link GsdConfig}. */
  static final ConfigOptions<GsdConfig> GENERATOR = new ConfigOptions<>(GsdConfig.defaults(), Map.of(
      "--rows", "rows", "--threads", "threads"));

  /**
   * {@code --help} of {@code synthesize} shows the configs' own defaults. {@code --epsilon} gets
   * none: the privacy target is the user's choice, and picocli counts an option with a default as
   * given, so a default would make the required option optional.
   */
  static final class SynthesizeDefaults extends ConfigOptions.Defaults {
    SynthesizeDefaults() {
      super(SYNTHESIS, GENERATOR);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      return arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--epsilon") ? null : super.defaultValue(arg);
    }
  }

  /** Where the privacy report goes: {@code x.csv -> x.privacy.json}. */
  static Path reportPath(Path out) {
    String name = out.getFileName().toString();
    String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return out.resolveSibling(base + ".privacy.json");
  }

  /** {@code e} under the option that set its argument: a config key, or {@code queries}. */
  static InvalidArgumentException inOptionTerms(InvalidArgumentException e, ConfigOptions<?>... options) {
    for (ConfigOptions<?> o : options) {
      InvalidArgumentException r = o.inOptionTerms(e);
      if (r != e) {
        return r;
      }
    }
    return e.argument().equals("queries") ? e.renamed("--queries") : e;
  }

  /** Exactly one of --attrs or --domain. */
  static final class DomainSource {
    @Option(names = "--attrs", paramLabel = "attrs.json", required = true,
        description = "Which columns are categorical/numerical (and the target); the domain is inferred from the data (this reveals the categories and ranges that occur).")
    Path attrs;

    @Option(names = "--domain", paramLabel = "domain.json", required = true,
        description = "A fixed domain (columns with categories or numeric ranges); values outside it are errors.")
    Path domain;
  }

  @Command(
      name = "synthesize",
      mixinStandardHelpOptions = true,
      defaultValueProvider = SynthesizeDefaults.class,
      description = {
        "Writes an (epsilon, delta)-differentially private synthetic table in the input's format",
        "(original category labels, numeric values in their units) and a JSON privacy report",
        "next to it (synthetic.csv -> synthetic.privacy.json), both or neither."
      })
  static final class Synthesize implements Callable<Integer>, OptionNames {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "train.csv", description = "The private table (CSV with header; ? marks a missing value).")
    Path data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DomainSource source;

    @Option(names = "--epsilon", required = true, paramLabel = "E", description = "Privacy parameter epsilon (> 0).")
    String epsilon;

    @Option(names = "--delta", paramLabel = "D",
        description = "Privacy parameter delta in (0, 1); NaN means 1/n^2 of the n rows read (default: ${DEFAULT-VALUE}).")
    String delta;

    @Option(names = "--queries", paramLabel = "LIST", description = QUERIES_HELP)
    String queries;

    @Option(names = "--mode", paramLabel = "one-shot|adaptive|hybrid",
        description = "Budget use: one-shot (all workloads measured once), adaptive (T rounds of select-K-then-measure), hybrid (1-way one-shot, the rest adaptive). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--rounds", paramLabel = "T", description = "Adaptive rounds (default: ${DEFAULT-VALUE}).")
    String rounds;

    @Option(names = "--per-round", paramLabel = "K", description = "Workloads selected per adaptive round (default: ${DEFAULT-VALUE}).")
    String perRound;

    @Option(names = "--rows", paramLabel = "N", description = "Synthetic rows (default: ${DEFAULT-VALUE}).")
    String rows;

    @Option(names = "--threads", paramLabel = "T",
        description = "Threads scoring candidates, 0 for all cores; the result does not depend on it (default: ${DEFAULT-VALUE}).")
    String threads;

    @Option(names = "--seed", paramLabel = "S",
        description = "Seed of the one random stream of the synthesis, new SplittableRandom(S) (default: ${DEFAULT-VALUE}).")
    String seed;

    @Option(names = "--out", required = true, paramLabel = "synthetic.csv", description = "Output CSV; the privacy report goes next to it.")
    Path out;

    @Override
    public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
      return GsdCommand.inOptionTerms(e, SYNTHESIS, GENERATOR);
    }

    @Override
    public Integer call() {
      GsdConfig generator = GENERATOR.config(spec, Map.of());
      SynthesisConfig config = SYNTHESIS.config(spec, Map.of("generator", Variants.format(generator)));
      List<String> requested = queries == null ? null : Workloads.parseFamilies(queries);
      Map<String, Path> inputs = new LinkedHashMap<>();
      inputs.put("--data", data);
      inputs.put("--attrs", source.attrs);
      inputs.put("--domain", source.domain);
      try (OutputFiles files = OutputFiles.protecting(inputs)) {
        files.declare("--out", out);
        Path reportFile = files.declare("--out (privacy report)", reportPath(out));

        TableCsv.Loaded loaded = source.domain != null
            ? TableCsv.read(data, Schema.readJson(source.domain))
            : TableCsv.read(data, Attributes.read(source.attrs));
        Table real = loaded.table();
        Schema schema = loaded.schema();
        List<String> fams = requested != null ? requested : Workloads.defaultFamilies(schema);
        WorkloadSet workloads = Workloads.build(schema, fams, QueryOptions.defaults());
        double d = config.resolvedDelta(real.n());
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "gsd synthesize: %d rows (%d dropped for a missing numeric value), %d workloads / %d queries (%s), %s, epsilon %s, delta %.3g, rho %.4g%n",
            real.n(), loaded.droppedRows(), workloads.count(), workloads.size(), String.join(",", fams),
            Variants.name(config.mode()), config.epsilon(), d, config.rho(real.n()));
        SynthesisResult r = PrivateSynthesis.fit(config, real, workloads);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("method", "Private-GSD (Liu, Tang, Vietri, Wu, ICML 2023)");
        report.put("data", data.toString());
        report.put("rows_in", real.n());
        report.put("rows_dropped_missing_numeric", loaded.droppedRows());
        report.put("domain", source.domain != null ? "given: " + source.domain
            : "inferred from the data with " + source.attrs + " (categories and numeric ranges are not protected)");
        report.putAll(r.toMetrics());
        report.put("neighbouring", "replace one row");
        report.put("queries", fams);
        PrivacyLedger ledger = r.ledger();
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("gaussian", ledger.count("gaussian"));
        calls.put("exponential", ledger.count("exponential"));
        report.put("mechanism_calls", calls);
        report.put("fits", r.fits().stream().map(FitResult::toMetrics).toList());
        report.put("ledger", ledger.toJson());
        report.put("schema", schema.toJson());

        files.text(out, TableCsv.toCsv(r.synthetic()));
        files.json(reportFile, report, r.config());
        files.commit();
        spec.commandLine().getOut().printf(Locale.ROOT,
            "wrote %s (%d rows) and %s: epsilon %s, delta %.3g, rho %.4g spent in %d mechanism calls, %.1f s%n",
            out, r.synthetic().n(), reportFile, config.epsilon(), r.config().delta(), ledger.spent(), ledger.entries().size(),
            r.seconds());
      }
      return 0;
    }
  }

  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {
        "Max and mean absolute query error of a synthetic table against a real one, per query",
        "family, and (when the attributes name a target) the accuracy and macro F1 on the real",
        "table of a logistic regression trained on the synthetic one."
      })
  static final class Evaluate implements Callable<Integer>, OptionNames {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "test.csv", description = "The real table.")
    Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "synthetic.csv", description = "The synthetic table.")
    Path synthetic;

    @Option(names = "--attrs", required = true, paramLabel = "attrs.json", description = "Column types and target; the domain is taken from both tables.")
    Path attrs;

    @Option(names = "--queries", paramLabel = "LIST", description = QUERIES_HELP)
    String queries;

    @Option(names = "--out", required = true, paramLabel = "errors.json", description = "Output JSON.")
    Path out;

    @Override
    public InvalidArgumentException inOptionTerms(InvalidArgumentException e) {
      return GsdCommand.inOptionTerms(e);
    }

    @Override
    public Integer call() {
      EvaluationConfig config = EvaluationConfig.defaults()
          .withQueries(queries == null ? List.of() : Workloads.parseFamilies(queries));
      Map<String, Path> inputs = new LinkedHashMap<>();
      inputs.put("--real", real);
      inputs.put("--synthetic", synthetic);
      inputs.put("--attrs", attrs);
      try (OutputFiles files = OutputFiles.protecting(inputs)) {
        files.declare("--out", out);
        TableCsv.Loaded[] both = TableCsv.readTogether(real, synthetic, Attributes.read(attrs));
        Schema schema = both[0].schema();
        EvaluationConfig used = config.resolved(schema);
        WorkloadSet workloads = used.workloads(schema);
        Table r = both[0].table();
        Table s = both[1].table();
        var errors = Evaluation.errors(workloads, r, s);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("real", real.toString());
        report.put("synthetic", synthetic.toString());
        report.put("real_rows", r.n());
        report.put("synthetic_rows", s.n());
        report.put("queries", used.queries());
        report.put("errors", Evaluation.toJson(errors));
        PrintWriter o = spec.commandLine().getOut();
        errors.values().forEach(e -> o.printf(Locale.ROOT, "%-10s %6d workloads %9d queries  max error %.5f  mean error %.6f%n",
            e.family(), e.workloads(), e.queries(), e.max(), e.mean()));
        Optional<String> target = schema.target();
        if (target.isPresent() && schema.catIndex(target.get()) >= 0) {
          LogisticRegression.Scores sc = LogisticRegression.fit(used.classifier(), s, target.get()).score(r);
          Map<String, Object> ml = new LinkedHashMap<>();
          ml.put("model", "logistic regression trained on the synthetic table, scored on the real table");
          ml.put("target", target.get());
          ml.put("accuracy", sc.accuracy());
          ml.put("macro_f1", sc.macroF1());
          report.put("ml_efficacy", ml);
          o.printf(Locale.ROOT, "ML efficacy (%s): accuracy %.4f, macro F1 %.4f%n", target.get(), sc.accuracy(), sc.macroF1());
        }
        files.json(out, report, used);
        files.commit();
        o.println("wrote " + out);
      }
      return 0;
    }
  }
}
