// Indexes scripts/bench-compare's article records with Lucene 8, for the
// comparison with concord-index.
//
// usage: ConcordBenchIndex [--ram-mb MB] INPUT INDEX_DIR
//
// INPUT is the file bench-compare writes for Xapian's scriptindex: one record
// per article, "name=value" lines, a line starting with "=" continuing the
// previous value on a new line, a blank line ending the record. The fields
// used are id, title, date and text (the whole article); ymd is ignored.
//
// Each record becomes one document:
//   id     StringField, stored (one untokenised term)
//   title  TextField, stored
//   date   StringField, stored (ISO yyyy-mm-dd, so term ranges are date ranges)
//   text   TextField, stored, with positions (TextField's default), so phrases work
//
// Documents are added from this one thread. The IndexWriterConfig is the
// default except for the RAM buffer (--ram-mb, 16 MB by default in Lucene);
// merges run in Lucene's default ConcurrentMergeScheduler threads. The run ends
// with one commit and no forceMerge. Prints "N documents in S s" on success.

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public final class ConcordBenchIndex {
  private ConcordBenchIndex() {}

  private static int usage() {
    System.err.println("usage: ConcordBenchIndex [--ram-mb MB] INPUT INDEX_DIR");
    return 2;
  }

  public static void main(String[] args) throws IOException {
    System.exit(run(args));
  }

  private static int run(String[] args) throws IOException {
    double ramMb = IndexWriterConfig.DEFAULT_RAM_BUFFER_SIZE_MB;
    String input = null;
    String indexDir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--ram-mb") && i + 1 < args.length) {
        ramMb = Double.parseDouble(args[++i]);
      } else if (args[i].startsWith("--")) {
        return usage();
      } else if (input == null) {
        input = args[i];
      } else if (indexDir == null) {
        indexDir = args[i];
      } else {
        return usage();
      }
    }
    if (indexDir == null) {
      return usage();
    }

    long start = System.nanoTime();
    IndexWriterConfig config = new IndexWriterConfig(new BenchAnalyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(ramMb);
    long documents = 0;
    try (Directory dir = FSDirectory.open(Paths.get(indexDir));
        IndexWriter writer = new IndexWriter(dir, config);
        BufferedReader in = Files.newBufferedReader(Paths.get(input), StandardCharsets.UTF_8)) {
      Map<String, StringBuilder> record = new HashMap<>();
      StringBuilder last = null; // the value a "=" line continues
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) { // end of a record
          if (!record.isEmpty()) {
            writer.addDocument(toDocument(record));
            documents++;
            record.clear();
          }
          last = null;
        } else if (line.charAt(0) == '=') {
          if (last != null) {
            last.append('\n').append(line, 1, line.length());
          }
        } else {
          int eq = line.indexOf('=');
          if (eq < 0) {
            continue; // not a field line; scriptindex would warn and skip it too
          }
          last = new StringBuilder(line.substring(eq + 1));
          record.put(line.substring(0, eq), last);
        }
      }
      if (!record.isEmpty()) { // a last record without its blank line
        writer.addDocument(toDocument(record));
        documents++;
      }
      writer.commit();
    } // close() waits for running merges, so they are inside the timed run
    System.out.printf("%d documents in %.3f s (Lucene %s, RAM buffer %.0f MB)%n", documents,
        (System.nanoTime() - start) / 1e9, org.apache.lucene.util.Version.LATEST, ramMb);
    return 0;
  }

  private static String value(Map<String, StringBuilder> record, String name) {
    StringBuilder value = record.get(name);
    return value == null ? null : value.toString();
  }

  private static Document toDocument(Map<String, StringBuilder> record) {
    Document doc = new Document();
    String id = value(record, "id");
    String title = value(record, "title");
    String date = value(record, "date");
    String text = value(record, "text");
    if (id != null) {
      doc.add(new StringField("id", id, Field.Store.YES));
    }
    if (title != null) {
      doc.add(new TextField("title", title, Field.Store.YES));
    }
    if (date != null) {
      doc.add(new StringField("date", date, Field.Store.YES));
    }
    if (text != null) {
      doc.add(new TextField("text", text, Field.Store.YES));
    }
    return doc;
  }
}
