package org.burstflow.activities.slurm;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code sacct -P} (or {@code --parsable}, which ends every line with an extra {@code |})
 * output that starts with its header line, in whatever column order the header gives.
 */
public final class SacctParser {

  /**
   * What the Slurm activity asks for: {@code sacct -j <id> -P --format=} + these joined by
   * commas. Two choices differ from the obvious list: JobIDRaw is there because for an array task sacct's JobID is
   * {@code <array>_<task>}, not the job id the epilog gave us; JobName is last because it is
   * the only free-text column, and a {@code |} in a job name can then be put back together.
   * Run sacct without {@code -n} (we need the header) and with {@code SLURM_TIME_FORMAT=standard}.
   */
  public static final List<String> FORMAT_FIELDS =
      List.of("JobID", "JobIDRaw", "User", "Account", "Partition", "State", "ExitCode", "Start",
          "End", "Elapsed", "Timelimit", "NNodes", "AllocCPUS", "NodeList", "TotalCPU", "ReqMem",
          "MaxRSS", "AllocTRES", "TRESUsageInTot", "JobName");

  private static final List<String> FREE_TEXT_LAST = List.of("JobName", "SubmitLine", "Comment");

  private SacctParser() {}

  public static List<SacctRow> parse(String output) {
    List<String> lines =
        output == null ? List.of() : output.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("sacct output is empty: expected a header line");
    }
    String headerLine = lines.get(0);
    boolean trailingSeparator = headerLine.endsWith("|"); // --parsable rather than --parsable2
    List<String> header = columnNames(strip(headerLine, trailingSeparator));
    if (!header.contains("JobID")) {
      throw new IllegalArgumentException(
          "sacct output has no JobID column in its first line (was it run with -n?): "
              + lines.get(0));
    }
    List<SacctRow> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      rows.add(row(header, strip(lines.get(i), trailingSeparator), i + 1));
    }
    return rows;
  }

  /**
   * The same, one row at a time from a reader, for dumps too big to hold (memory bounded by one
   * line). Returns the number of rows read.
   */
  public static long read(BufferedReader in, Consumer<SacctRow> out) throws IOException {
    String headerLine;
    do {
      headerLine = in.readLine();
    } while (headerLine != null && headerLine.isBlank());
    if (headerLine == null) {
      throw new IllegalArgumentException("sacct output is empty: expected a header line");
    }
    boolean trailingSeparator = headerLine.endsWith("|");
    List<String> header = columnNames(strip(headerLine, trailingSeparator));
    if (!header.contains("JobID")) {
      throw new IllegalArgumentException(
          "sacct output has no JobID column in its first line (was it run with -n?): " + headerLine);
    }
    long n = 0;
    int lineNumber = 1;
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (!line.isBlank()) {
        out.accept(row(header, strip(line, trailingSeparator), lineNumber));
        n++;
      }
    }
    return n;
  }

  private static SacctRow row(List<String> header, String line, int lineNumber) {
    List<String> values = new ArrayList<>(Arrays.asList(line.split("\\|", -1)));
    String last = header.get(header.size() - 1);
    if (values.size() > header.size() && FREE_TEXT_LAST.contains(last)) {
      // A '|' inside the trailing free-text column split it: join the pieces back.
      List<String> tail = values.subList(header.size() - 1, values.size());
      String joined = String.join("|", tail);
      tail.clear();
      values.add(joined);
    }
    if (values.size() != header.size()) {
      throw new IllegalArgumentException(
          "sacct line " + lineNumber + " has " + values.size() + " fields but the header has "
              + header.size() + ": " + line);
    }
    Map<String, String> columns = new LinkedHashMap<>();
    for (int c = 0; c < header.size(); c++) {
      columns.put(header.get(c), values.get(c));
    }
    return new SacctRow(columns);
  }

  private static String strip(String line, boolean trailingSeparator) {
    return trailingSeparator && line.endsWith("|") ? line.substring(0, line.length() - 1) : line;
  }

  private static List<String> columnNames(String headerLine) {
    List<String> names = Arrays.stream(headerLine.split("\\|", -1)).map(String::trim).toList();
    if (names.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("sacct header has an empty column name: " + headerLine);
    }
    return names;
  }
}
