package org.paperlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.paperlab.core.Seeds;
import org.paperlab.gsd.Attributes;
import org.paperlab.gsd.Evaluation;
import org.paperlab.gsd.FitResult;
import org.paperlab.gsd.Gsd;
import org.paperlab.gsd.GsdConfig;
import org.paperlab.gsd.LogisticRegression;
import org.paperlab.gsd.Mode;
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
import org.paperlab.lab.Json;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code paperlab gsd}: differentially private synthetic data for users' own CSV files with
 * Private-GSD (Liu, Tang, Vietri and Wu, ICML 2023): {@code synthesize} and {@code evaluate}.
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

  /** The default query families for a schema (see {@link #QUERIES_HELP}). */
  static List<String> families(String spec, Schema schema) {
    if (spec != null) {
      return Workloads.parseFamilies(spec);
    }
    List<String> f = new ArrayList<>();
    if (schema.dn() == 0) {
      f.add(schema.dc() >= 2 ? "2way" : "1way");
      if (schema.dc() >= 3) {
        f.add("3way");
      }
    } else {
      f.add(schema.dc() >= 2 ? "2way" : "1way");
      f.add("range");
    }
    return f;
  }

  /** Where the privacy report goes: {@code x.csv -> x.privacy.json}. */
  static Path reportPath(Path out) {
    String name = out.getFileName().toString();
    String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return out.resolveSibling(base + ".privacy.json");
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
      description = {
        "Writes an (epsilon, delta)-differentially private synthetic table in the input's format",
        "(original category labels, numeric values in their units) and a JSON privacy report",
        "next to it (synthetic.csv -> synthetic.privacy.json)."
      })
  static final class Synthesize implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "train.csv", description = "The private table (CSV with header; ? marks a missing value).")
    Path data;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DomainSource source;

    @Option(names = "--epsilon", required = true, paramLabel = "E", description = "Privacy parameter epsilon (> 0).")
    double epsilon;

    @Option(names = "--delta", paramLabel = "D", description = "Privacy parameter delta in (0, 1) (default: 1/n^2).")
    Double delta;

    @Option(names = "--queries", paramLabel = "LIST", description = QUERIES_HELP)
    String queries;

    @Option(names = "--mode", defaultValue = "one-shot", paramLabel = "one-shot|adaptive|hybrid",
        description = "Budget use: one-shot (all workloads measured once), adaptive (T rounds of select-K-then-measure), hybrid (1-way one-shot, the rest adaptive). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--rounds", defaultValue = "10", paramLabel = "T", description = "Adaptive rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--per-round", defaultValue = "5", paramLabel = "K", description = "Workloads selected per adaptive round (default: ${DEFAULT-VALUE}).")
    int perRound;

    @Option(names = "--rows", defaultValue = "2000", paramLabel = "N", description = "Synthetic rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of all randomness (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "synthetic.csv", description = "Output CSV; the privacy report goes next to it.")
    Path out;

    @Override
    public Integer call() {
      // validate the arguments that need no data first
      Mode m = Mode.parse(mode);
      if (delta != null) {
        new SynthesisConfig(epsilon, delta, m, rounds, perRound);
      } else {
        new SynthesisConfig(epsilon, 0.5, m, rounds, perRound);
      }
      GsdConfig gsdConfig = GsdConfig.defaults().withRows(rows);
      List<String> requested = queries == null ? null : Workloads.parseFamilies(queries);

      TableCsv.Loaded loaded = source.domain != null
          ? TableCsv.read(data, Schema.readJson(source.domain))
          : TableCsv.read(data, Attributes.read(source.attrs));
      Table real = loaded.table();
      Schema schema = loaded.schema();
      double d = delta != null ? delta : 1.0 / ((double) real.n() * real.n());
      SynthesisConfig config = new SynthesisConfig(epsilon, d, m, rounds, perRound);
      List<String> fams = requested != null ? requested : families(null, schema);
      WorkloadSet workloads = Workloads.build(schema, fams, QueryOptions.defaults());
      PrintWriter err = spec.commandLine().getErr();
      err.printf(Locale.ROOT, "gsd synthesize: %d rows (%d dropped for a missing numeric value), %d workloads / %d queries (%s), %s, epsilon %s, delta %.3g, rho %.4g%n",
          real.n(), loaded.droppedRows(), workloads.count(), workloads.size(), String.join(",", fams), m.label(), epsilon, d, config.rho());
      SynthesisResult r = PrivateSynthesis.run(config, real, workloads, new Gsd(gsdConfig), Seeds.of(seed).random("gsd-synthesize"));

      Map<String, Object> report = new LinkedHashMap<>();
      report.put("method", "Private-GSD (Liu, Tang, Vietri, Wu, ICML 2023)");
      report.put("data", data.toString());
      report.put("rows_in", real.n());
      report.put("rows_dropped_missing_numeric", loaded.droppedRows());
      report.put("domain", source.domain != null ? "given: " + source.domain
          : "inferred from the data with " + source.attrs + " (categories and numeric ranges are not protected)");
      report.put("epsilon", epsilon);
      report.put("delta", d);
      report.put("rho", r.rho());
      report.put("neighbouring", "replace one row");
      report.put("mode", m.label());
      if (m != Mode.ONE_SHOT) {
        report.put("rounds", rounds);
        report.put("per_round", perRound);
      }
      report.put("queries", fams);
      report.put("workloads", r.workloads().count());
      report.put("workloads_measured", r.measurements().size());
      report.put("rows_out", r.synthetic().n());
      report.put("seed", seed);
      PrivacyLedger ledger = r.ledger();
      report.put("rho_spent", ledger.spent());
      report.put("mechanism_calls", Map.of("gaussian", ledger.count("gaussian"), "exponential", ledger.count("exponential")));
      List<Map<String, Object>> fits = new ArrayList<>();
      for (FitResult f : r.fits()) {
        fits.add(Map.of("generations", f.iterations(), "early_stop", f.converged(), "fitness", f.loss(), "seconds", f.seconds()));
      }
      report.put("fits", fits);
      List<Map<String, Object>> entries = new ArrayList<>();
      for (PrivacyLedger.Entry e : ledger.entries()) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("mechanism", e.mechanism());
        x.put("target", e.target());
        x.put("rho", e.rho());
        x.put("noise_scale", e.noiseScale());
        entries.add(x);
      }
      report.put("ledger", entries);
      report.put("schema", schema.toJson());

      Path reportFile = reportPath(out);
      TableCsv.write(out, r.synthetic());
      try {
        Json.write(reportFile, report);
      } catch (RuntimeException e) {
        try {
          Files.deleteIfExists(out);
        } catch (java.io.IOException ignored) {
          // best effort: the report failure is what the user sees
        }
        throw e;
      }
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "wrote %s (%d rows) and %s: epsilon %s, delta %.3g, rho %.4g spent in %d mechanism calls, %.1f s%n",
          out, r.synthetic().n(), reportFile, epsilon, d, ledger.spent(), ledger.entries().size(), r.seconds());
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
  static final class Evaluate implements Callable<Integer> {
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
    public Integer call() {
      List<String> requested = queries == null ? null : Workloads.parseFamilies(queries);
      Attributes a = Attributes.read(attrs);
      TableCsv.Loaded[] both = TableCsv.readTogether(real, synthetic, a);
      Schema schema = both[0].schema();
      List<String> fams = requested != null ? requested : families(null, schema);
      WorkloadSet workloads = Workloads.build(schema, fams, QueryOptions.defaults());
      Table r = both[0].table();
      Table s = both[1].table();
      var errors = Evaluation.errors(workloads, r, s);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("real", real.toString());
      report.put("synthetic", synthetic.toString());
      report.put("real_rows", r.n());
      report.put("synthetic_rows", s.n());
      report.put("queries", fams);
      report.put("errors", Evaluation.toJson(errors));
      PrintWriter o = spec.commandLine().getOut();
      errors.values().forEach(e -> o.printf(Locale.ROOT, "%-10s %6d workloads %9d queries  max error %.5f  mean error %.6f%n",
          e.family(), e.workloads(), e.queries(), e.max(), e.mean()));
      Optional<String> target = schema.target();
      if (target.isPresent() && schema.catIndex(target.get()) >= 0) {
        LogisticRegression.Scores sc = LogisticRegression.fit(s, target.get(), LogisticRegression.Config.defaults()).score(r);
        Map<String, Object> ml = new LinkedHashMap<>();
        ml.put("model", "logistic regression trained on the synthetic table, scored on the real table");
        ml.put("target", target.get());
        ml.put("accuracy", sc.accuracy());
        ml.put("macro_f1", sc.macroF1());
        report.put("ml_efficacy", ml);
        o.printf(Locale.ROOT, "ML efficacy (%s): accuracy %.4f, macro F1 %.4f%n", target.get(), sc.accuracy(), sc.macroF1());
      }
      Json.write(out, report);
      o.println("wrote " + out);
      return 0;
    }
  }
}
