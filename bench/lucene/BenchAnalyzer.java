// The analyzer both ConcordBenchIndex and ConcordBenchSearch use, so that the
// query terms are analysed exactly as the indexed ones were.
//
// StandardTokenizer (Unicode word breaks, UAX #29) -> LowerCaseFilter ->
// ASCIIFoldingFilter (é -> e, ł -> l, ß -> ss, ...): the closest to concord's
// folding that Lucene's common analyzers give. No stop words, no stemming.
//
// Lucene's ICU analyzers (ICUTokenizer, ICUFoldingFilter) would be closer to
// concord, which uses ICU itself, but Debian's ICU4J is too new for them:
// lucene-analyzers-icu carries break rules (Default.brk) compiled with the
// ICU4J release Lucene 8 was built against, and Debian's libicu4j-java 72
// rejects them ("ICU data file error: Header authentication failed ... format
// version 5.0.0.0") the first time an ICUTokenizer is made. So they are left out.

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

final class BenchAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream stream = new LowerCaseFilter(source);
    stream = new ASCIIFoldingFilter(stream);
    return new TokenStreamComponents(source, stream);
  }

  // What QueryParser applies to terms it does not tokenise (ranges, wildcards):
  // the same case and accent folding, without the tokenizer.
  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }
}
