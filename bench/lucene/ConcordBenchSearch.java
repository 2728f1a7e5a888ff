// Searches an index made by ConcordBenchIndex, for scripts/bench-compare.
//
// usage: ConcordBenchSearch INDEX_DIR QUERY
//          one query, as a whole process: prints the top 10 (id, date, title)
//        ConcordBenchSearch --runs N [--warmup W] [--jit-warmup-ms MS] INDEX_DIR QUERY...
//          in-process latency: opens the index once, then times each query N
//          times and prints one JSON object (like bench/query_latency.cc)
//        ConcordBenchSearch --version
//
// Queries use the classic QueryParser syntax on the text field (the whole
// article, title line included) with AND as the default operator, as
// concord's: `Zelensky Istanbul` needs both words, `"peace talks"` is a phrase,
// `a OR b` either, `date:[2025-06-01 TO 2025-06-30]` a range of the date field.
//
// One timed run is what a search request does: parse the query,
// IndexSearcher.search(query, 10), and read the stored id, date and title of
// the 10 hits; the median without that reading is given too
// (search_only_median_ms), since stored fields are compressed in blocks with
// the article text and reading them can cost more than the search. The total
// is counted once, untimed (IndexSearcher.count), since search(query, 10)
// stops counting exactly after 1,000 hits.
//
// The JVM compiles hot code only after it has run for a while, so before the
// per-query warm-up and timed runs every query is run in turn for
// --jit-warmup-ms (2,000 ms by default): the in-process numbers are those of a
// long-running search service. The whole-process mode has no such warm-up, and
// its time includes starting the JVM.

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public final class ConcordBenchSearch {
  private static final int LIMIT = 10;
  // The stored fields a result list shows; the article text is not read back.
  private static final Set<String> SHOWN = new HashSet<>(Arrays.asList("id", "date", "title"));

  // Titles and queries may be in any script: UTF-8 whatever the locale.
  private static final PrintStream OUT =
      new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);

  private final IndexSearcher searcher;
  private final QueryParser parser;
  private long sink; // keeps the stored-field reads from being optimised away

  private ConcordBenchSearch(IndexSearcher searcher) {
    this.searcher = searcher;
    this.parser = new QueryParser("text", new BenchAnalyzer());
    this.parser.setDefaultOperator(QueryParser.Operator.AND);
  }

  private static int usage() {
    System.err.println("usage: ConcordBenchSearch INDEX_DIR QUERY\n"
        + "       ConcordBenchSearch --runs N [--warmup W] [--jit-warmup-ms MS] INDEX_DIR QUERY...\n"
        + "       ConcordBenchSearch --version");
    return 2;
  }

  public static void main(String[] args) throws IOException {
    System.exit(run(args));
  }

  private static int run(String[] args) throws IOException {
    int runs = 0; // 0: the whole-process mode
    int warmup = 3;
    long jitWarmupMs = 2000;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      boolean hasValue = i + 1 < args.length;
      if (args[i].equals("--version")) {
        System.out.println("Lucene " + org.apache.lucene.util.Version.LATEST + " (Java "
            + System.getProperty("java.version") + ")");
        return 0;
      } else if (args[i].equals("--runs") && hasValue) {
        runs = Math.max(1, Integer.parseInt(args[++i]));
      } else if (args[i].equals("--warmup") && hasValue) {
        warmup = Math.max(0, Integer.parseInt(args[++i]));
      } else if (args[i].equals("--jit-warmup-ms") && hasValue) {
        jitWarmupMs = Math.max(0, Long.parseLong(args[++i]));
      } else if (args[i].startsWith("--")) {
        return usage();
      } else {
        rest.add(args[i]);
      }
    }
    if (rest.size() < 2 || (runs == 0 && rest.size() != 2)) {
      return usage();
    }

    Path indexDir = Paths.get(rest.get(0));
    if (!Files.isDirectory(indexDir)) { // FSDirectory.open would make an empty one
      System.err.println("ConcordBenchSearch: no index at " + indexDir);
      return 2;
    }
    long openStart = System.nanoTime();
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(indexDir))) {
      ConcordBenchSearch bench = new ConcordBenchSearch(new IndexSearcher(reader));
      double openMs = (System.nanoTime() - openStart) / 1e6;
      List<String> queries = rest.subList(1, rest.size());
      return runs == 0 ? bench.printTop(queries.get(0))
                       : bench.latency(queries, runs, warmup, jitWarmupMs, openMs);
    }
  }

  // The whole-process mode: one query, its top 10 printed as id, date, title.
  private int printTop(String queryText) throws IOException {
    Query query;
    try {
      query = parser.parse(queryText);
    } catch (ParseException e) {
      System.err.println("ConcordBenchSearch: " + e.getMessage());
      return 2;
    }
    TopDocs top = searcher.search(query, LIMIT);
    StringBuilder out = new StringBuilder();
    for (ScoreDoc hit : top.scoreDocs) {
      Document doc = searcher.doc(hit.doc, SHOWN);
      out.append(doc.get("id")).append('\t').append(nonNull(doc.get("date"))).append('\t')
          .append(nonNull(doc.get("title"))).append('\n');
    }
    OUT.print(out);
    OUT.flush();
    return 0;
  }

  // Parses and runs one query: the first part of a timed request.
  private TopDocs find(String queryText) throws IOException, ParseException {
    return searcher.search(parser.parse(queryText), LIMIT);
  }

  // Reads the shown fields of the hits: the second part of a timed request.
  private void readShown(TopDocs top) throws IOException {
    for (ScoreDoc hit : top.scoreDocs) {
      Document doc = searcher.doc(hit.doc, SHOWN);
      sink += nonNull(doc.get("id")).length() + nonNull(doc.get("title")).length();
    }
  }

  private int latency(List<String> queries, int runs, int warmup, long jitWarmupMs, double openMs)
      throws IOException {
    // Queries that do not parse are reported, not run.
    String[] errors = new String[queries.size()];
    for (int q = 0; q < queries.size(); q++) {
      try {
        parser.parse(queries.get(q));
      } catch (ParseException e) {
        errors[q] = e.getMessage();
      }
    }
    long jitEnd = System.nanoTime() + jitWarmupMs * 1_000_000L;
    int rounds = 0;
    try {
      while (System.nanoTime() < jitEnd) {
        for (int q = 0; q < queries.size(); q++) {
          if (errors[q] == null) {
            readShown(find(queries.get(q)));
          }
        }
        rounds++;
      }
    } catch (ParseException e) {
      throw new IllegalStateException(e); // parsed above, so cannot happen
    }

    StringBuilder json = new StringBuilder();
    json.append(String.format(Locale.ROOT,
        "{\"open_ms\": %.3f, \"runs\": %d, \"warmup\": %d, \"jit_warmup_ms\": %d, "
            + "\"jit_warmup_rounds\": %d, \"version\": %s, \"queries\": [",
        openMs, runs, warmup, jitWarmupMs, rounds,
        jsonString(org.apache.lucene.util.Version.LATEST.toString())));
    for (int q = 0; q < queries.size(); q++) {
      String queryText = queries.get(q);
      json.append(q > 0 ? ",\n  {" : "\n  {").append("\"query\": ").append(jsonString(queryText));
      if (errors[q] != null) {
        json.append(", \"error\": ").append(jsonString(errors[q])).append('}');
        continue;
      }
      double[] samples = new double[runs];
      double[] searchOnly = new double[runs]; // parse and search, without the stored fields
      int hits = 0;
      try {
        for (int r = 0; r < warmup + runs; r++) {
          long start = System.nanoTime();
          TopDocs top = find(queryText);
          long searched = System.nanoTime();
          readShown(top);
          long end = System.nanoTime();
          hits = top.scoreDocs.length;
          if (r >= warmup) {
            samples[r - warmup] = (end - start) / 1e6;
            searchOnly[r - warmup] = (searched - start) / 1e6;
          }
        }
        int total = searcher.count(parser.parse(queryText));
        Arrays.sort(samples);
        Arrays.sort(searchOnly);
        json.append(String.format(Locale.ROOT,
            ", \"total\": %d, \"hits\": %d, \"median_ms\": %.4f, \"p95_ms\": %.4f, "
                + "\"p99_ms\": %.4f, \"min_ms\": %.4f, \"search_only_median_ms\": %.4f}",
            total, hits, median(samples), percentile(samples, 0.95), percentile(samples, 0.99),
            samples[0], median(searchOnly)));
      } catch (ParseException e) {
        throw new IllegalStateException(e);
      }
    }
    json.append("\n], \"sink\": ").append(sink).append("}");
    OUT.println(json);
    OUT.flush();
    return 0;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  // Nearest-rank percentile of sorted samples, p in (0, 1], as query_latency.cc.
  private static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
  }

  private static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
