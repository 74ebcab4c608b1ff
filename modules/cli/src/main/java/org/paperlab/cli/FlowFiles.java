package org.paperlab.cli;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.paperlab.core.io.DataFormatException;
import org.paperlab.core.io.NumericCsv;
import org.paperlab.flow.TrainingData;
import picocli.CommandLine.Option;

/** The CSV files of {@code paperlab flow}: points, pairs and samples (located errors for bad files). */
final class FlowFiles {
  private FlowFiles() {}

  /** {@code --[no-]header}: whether the first line of every input CSV is a header (default: decided per file). */
  static final class HeaderOption {
    @Option(names = "--header", negatable = true,
        description = "The first line of every input CSV is a header (--header) or data (--no-header); by default a first"
            + " line whose first field is not a number is a header, and 0,1,...,d-1 (what pandas writes) must be said.")
    Boolean header;

    NumericCsv.Header rule() {
      return header == null ? NumericCsv.Header.AUTO : header ? NumericCsv.Header.PRESENT : NumericCsv.Header.ABSENT;
    }
  }

  /** A numeric CSV as a float matrix (located errors for bad files). */
  static INDArray matrix(Path file, NumericCsv.Header rule) {
    NumericCsv.Matrix m = NumericCsv.read(file, rule);
    double[][] rows = m.rows();
    if (rows.length == 0) {
      throw new DataFormatException(file, 0, 0, "has no data rows");
    }
    return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
  }

  /** Pairs from a CSV whose rows are z0 then z1. */
  static TrainingData.Paired pairs(Path file, NumericCsv.Header rule) {
    NumericCsv.Matrix m = NumericCsv.read(file, rule);
    double[][] rows = m.rows();
    if (rows.length == 0) {
      throw new DataFormatException(file, 0, 0, "has no data rows");
    }
    int cols = rows[0].length;
    if (cols % 2 != 0) {
      throw new DataFormatException(file, m.lines()[0], 0,
          "has " + cols + " columns; a pairs file has an even number: z0 (d values) then z1 (d values)");
    }
    int d = cols / 2;
    double[][] z0 = new double[rows.length][d];
    double[][] z1 = new double[rows.length][d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, z0[i], 0, d);
      System.arraycopy(rows[i], d, z1[i], 0, d);
    }
    return TrainingData.Paired.given(Nd4j.createFromArray(z0), Nd4j.createFromArray(z1));
  }

  static String csv(INDArray x) {
    float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
    int d = (int) x.columns();
    StringBuilder sb = new StringBuilder(v.length * 12);
    for (int i = 0; i < x.rows(); i++) {
      for (int k = 0; k < d; k++) {
        if (k > 0) {
          sb.append(',');
        }
        sb.append(v[i * d + k]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
