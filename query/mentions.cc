#include "query/mentions.h"

#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "corpus/date_extract.h"
#include "lang/entity_dictionary.h"
#include "lang/tokenizer.h"
#include "lang/utf8.h"
#include "query/entity_resolver.h"
#include "query/name_forms.h"
#include "query/query_parser.h"
#include "store/document_data.h"
#include "store/errors.h"
#include "store/mention_table.h"
#include "store/schema.h"

namespace concord::query {
namespace {

struct ScopedDoc {
  Xapian::docid docid = 0;
  corpus::Article article;  // text cleared once the records are made
  std::vector<Mention> records;
  std::size_t mentions = 0;  // records.size(), also once they are dropped
  bool dropped = false;      // records dropped to bound memory: read them again
  bool from_table = false;   // records made from the stored table alone (no text)
};

// The values and data of the documents of an MSet visited in ascending docid
// order. On local databases each slot is read through its own value stream,
// sequentially: Document::get_value would look each value up from the root
// of the B-tree, and alternating slots evict each other's blocks (4-5 block
// reads per document). Over remote shards it reads through the documents.
class DocReader {
 public:
  DocReader(const Xapian::Database& db, bool streams) : db_(db), streams_(streams) {}

  void Visit(const Xapian::MSetIterator& it) {
    it_ = it;
    docid_ = *it;
    have_doc_ = false;
    by_docid_ = false;
  }
  // A document by its id, in any order: a stream that has passed it starts
  // again (a B-tree descent, as Document::get_value would make).
  void VisitDocument(Xapian::docid docid) {
    docid_ = docid;
    have_doc_ = false;
    by_docid_ = true;
  }
  Xapian::docid docid() const { return docid_; }

  std::string value(Xapian::valueno slot) {
    if (!streams_) return document().get_value(slot);
    auto s = streams_by_slot_.find(slot);
    if (s == streams_by_slot_.end()) {
      s = streams_by_slot_.emplace(slot, db_.valuestream_begin(slot)).first;
    }
    Xapian::ValueIterator& v = s->second;
    if (v != db_.valuestream_end(slot) && v.get_docid() > docid_) v = db_.valuestream_begin(slot);
    if (v == db_.valuestream_end(slot)) return std::string();
    if (v.get_docid() < docid_) v.skip_to(docid_);
    if (v == db_.valuestream_end(slot) || v.get_docid() != docid_) return std::string();
    return *v;
  }

  std::string data() { return document().get_data(); }

 private:
  const Xapian::Document& document() {
    if (!have_doc_) {
      doc_ = by_docid_ ? db_.get_document(docid_) : it_.get_document();
      have_doc_ = true;
    }
    return doc_;
  }

  const Xapian::Database& db_;
  const bool streams_;
  std::map<Xapian::valueno, Xapian::ValueIterator> streams_by_slot_;
  Xapian::MSetIterator it_;
  Xapian::docid docid_ = 0;
  Xapian::Document doc_;
  bool have_doc_ = false;
  bool by_docid_ = false;  // visited by VisitDocument, not through an MSet
};

// Reads one document in scope into d->article (text cleared) and its
// mention records into d->records; false when its data is unreadable.
using Analyse = std::function<bool(DocReader&, ScopedDoc*)>;

// The matcher to run: the dictionary's, or one built for a name it lacks.
struct MatcherChoice {
  const lang::EntityMatcher* dict_matcher = nullptr;  // the dictionaries'
  const lang::EntityMatcher* matcher = nullptr;
  std::unique_ptr<lang::EntityMatcher> adhoc;
  std::vector<int> entities;  // indexes into *matcher to keep
};

MatcherChoice ChooseMatcher(const lang::EntityMatcher& dict_matcher, const MentionQuery& r) {
  MatcherChoice c;
  c.dict_matcher = &dict_matcher;
  if (r.aliases) c.entities = dict_matcher.Resolve(r.name, "");
  if (!c.entities.empty()) {
    c.matcher = &dict_matcher;
    return c;
  }
  c.adhoc = AdHocMatcher(r.name);
  c.matcher = c.adhoc.get();
  if (c.matcher->size() > 0) c.entities.push_back(0);
  return c;
}

// Reads the documents `candidates` matches and counts those `filter` allows.
// Xapian errors propagate.
void ReadScope(const Xapian::Database& db, bool local, const MentionQuery& r,
               const Xapian::Query& filter, const Xapian::Query& candidates, const Analyse& analyse,
               std::vector<ScopedDoc>* docs, std::size_t* in_scope) {
  const Xapian::doccount all = db.get_doccount();
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0));
  *in_scope = enquire.get_mset(0, 0, all).get_matches_estimated();
  if (r.filter.empty()) *in_scope = all;
  enquire.set_query(candidates);
  Xapian::MSet mset = enquire.get_mset(0, all, all);  // in ascending docid order
  docs->reserve(mset.size());
  DocReader reader(db, local);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    ScopedDoc d;
    d.docid = *it;
    reader.Visit(it);
    if (analyse(reader, &d)) docs->push_back(std::move(d));
  }
}

bool Scope(Searcher& searcher, const MentionQuery& r, const MatcherChoice& choice,
           const Analyse& analyse, std::vector<ScopedDoc>* docs, std::size_t* in_scope,
           Xapian::Query* filter_out, SearchError* error) {
  Xapian::Query filter = Xapian::Query::MatchAll;
  if (!r.filter.empty()) {
    // The scope reads names as a search does: a figure in any spelling.
    MatchTerms unused;
    MatcherResolver resolver(*choice.dict_matcher);
    if (!searcher.BuildQuery(r.filter, r.aliases ? &resolver : nullptr, r.use_stored_mentions,
                             &filter, &unused, error)) {
      return false;
    }
  }
  *filter_out = filter;
  // A commit by another process may discard the revision being read; start
  // again at the newest one (a few times) rather than fail the listing; an
  // empty scope is read again when a writer committed meanwhile (as in
  // Searcher::Search: Xapian 1.4 may answer from a revision being replaced).
  int rereads = 0;
  for (int attempt = 0;; ++attempt) {
    try {
      // The documents tagged with the figure; every document in scope for
      // an ad-hoc name, or for a figure the index was never tagged with (a
      // dictionary added since: the matcher reads them all until --retag).
      Xapian::Query candidates = filter;
      if (!choice.adhoc) {
        std::vector<std::string> terms;
        bool tagged = true;
        for (int e : choice.entities) {
          terms.push_back(schema::kEntity + choice.matcher->entity(e).id);
          if (!r.use_stored_mentions)
            tagged = tagged && searcher.database().term_exists(terms.back());
        }
        if (tagged) {
          candidates = Xapian::Query(
              Xapian::Query::OP_FILTER,
              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), filter);
        }
      }
      docs->clear();
      ReadScope(searcher.database(), searcher.all_local(), r, filter, candidates, analyse, docs,
                in_scope);
      if (docs->empty() && rereads < kMaxRereads && searcher.MovedOn()) {
        ++rereads;
        continue;
      }
      break;
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (RetryAfterModification(attempt)) {
        searcher.Reopen();
        continue;
      }
      error->message = "the database kept changing while listing '" + r.name + "': " + e.get_msg();
      error->code = store::CodeOf(e);
      error->database_modified = true;
      return false;
    } catch (const Xapian::Error& e) {
      error->message = "mention listing failed for '" + r.name + "': " + e.get_description();
      error->code = store::CodeOf(e);
      return false;
    }
  }
  std::sort(docs->begin(), docs->end(), [](const ScopedDoc& a, const ScopedDoc& b) {
    if (a.article.path != b.article.path) return a.article.path < b.article.path;
    return a.article.byte_offset < b.article.byte_offset;
  });
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Context words around the mention at [byte_start, byte_end) of `text`,
// tokenising only a window around it (whitespace-bounded, so its tokens are
// those of the whole text), widened until it holds enough words or the text
// ends. Gives what MentionContext gives over the whole text.
void ContextAround(std::string_view text, std::size_t byte_start, std::size_t byte_end,
                   std::size_t words, std::string* left, std::string* right) {
  for (std::size_t span = 12 * words + 64;; span *= 4) {
    std::size_t from = byte_start > span ? byte_start - span : 0;
    while (from > 0 && !IsSpace(text[from - 1])) --from;  // a word boundary
    std::size_t to = std::min(text.size(), byte_end + span);
    while (to < text.size() && !IsSpace(text[to])) ++to;
    const std::string_view window = text.substr(from, to - from);
    std::vector<lang::Token> tokens = lang::Tokenize(window);
    if (tokens.empty()) {
      left->clear();
      right->clear();
      return;
    }
    // The tokens the mention covers: from the one containing its first byte
    // to the one containing its last.
    std::size_t first = 0;
    while (first + 1 < tokens.size() && tokens[first].byte_end + from <= byte_start) ++first;
    std::size_t last = first;
    while (last + 1 < tokens.size() && tokens[last + 1].byte_start + from < byte_end) ++last;
    std::size_t before = 0, after = 0;
    for (std::size_t k = 0; k < first; ++k) before += tokens[k].indexed();
    for (std::size_t k = last + 1; k < tokens.size(); ++k) {
      after += tokens[k].indexed() && tokens[k].byte_start + from >= byte_end;
    }
    if ((before < words && from > 0) || (after < words && to < text.size())) continue;
    store::MentionContext(window, tokens, first, last, byte_end - from, words, left, right);
    return;
  }
}

// A record placed in the source file: offsets within the article moved by
// the article's own offset in the file, with the rung and its evidence.
Mention Placed(const corpus::Article& a, std::size_t cp_start, std::size_t cp_end,
               std::size_t byte_start, std::size_t byte_end, lang::Rung rung, bool ambiguous,
               const std::string& evidence) {
  Mention rec;
  rec.confidence = lang::ConfidenceName(lang::MentionConfidence(rung, ambiguous));
  rec.start = a.cp_offset + cp_start;
  rec.end = a.cp_offset + cp_end;
  rec.byte_start = a.byte_offset + byte_start;
  rec.byte_end = a.byte_offset + byte_end;
  rec.rung = lang::RungName(rung);
  rec.evidence = evidence;
  return rec;
}

// Records of the mentions the indexer stored with the document. Without
// the text (a.text empty), surface and context are the stored ones (of
// kStoredContextWords words); with it, context of any width is cut from the
// text (the stored strings are moved out of *stored). False when the stored
// offsets do not fit the text.
bool RecordsFromTable(std::vector<store::StoredMention>* stored, const corpus::Article& a,
                      bool have_text, const std::map<std::string, int>& wanted,
                      const lang::EntityMatcher& matcher, std::size_t context_words,
                      lang::Confidence least, std::vector<Mention>* out) {
  if (have_text) {
    for (const store::StoredMention& m : *stored) {
      if (m.byte_start >= m.byte_end || m.byte_end > a.text.size()) return false;
    }
  }
  out->reserve(out->size() + stored->size());
  for (store::StoredMention& m : *stored) {
    const auto it = wanted.find(m.entity_id);
    if (it == wanted.end() || lang::MentionConfidence(m.rung, m.ambiguous) < least) continue;
    Mention rec =
        Placed(a, m.cp_start, m.cp_end, m.byte_start, m.byte_end, m.rung, m.ambiguous, m.evidence);
    rec.entity = m.entity_id;
    rec.label = matcher.entity(it->second).label;
    if (have_text) {
      rec.surface = a.text.substr(m.byte_start, m.byte_end - m.byte_start);
      ContextAround(a.text, m.byte_start, m.byte_end, context_words, &rec.left, &rec.right);
    } else {
      rec.surface = std::move(m.surface);
      rec.left = std::move(m.left);
      rec.right = std::move(m.right);
    }
    out->push_back(std::move(rec));
  }
  return true;
}

// Records found by running the matcher over the document's text.
void RecordsFromText(const ScopedDoc& d, const MatcherChoice& choice, const MentionQuery& r,
                     std::vector<Mention>* out) {
  const corpus::Article& a = d.article;
  const std::vector<lang::Token> tokens = lang::Tokenize(a.text);
  for (const lang::Mention& m : choice.matcher->Match(a.text, tokens, a.lang)) {
    if (std::find(choice.entities.begin(), choice.entities.end(), m.entity) ==
            choice.entities.end() ||
        lang::MentionConfidence(m.rung, m.ambiguous) < r.least_confidence) {
      continue;
    }
    Mention rec =
        Placed(a, m.cp_start, m.cp_end, m.byte_start, m.byte_end, m.rung, m.ambiguous, m.evidence);
    const lang::Entity& ent = choice.matcher->entity(m.entity);
    rec.entity = choice.adhoc ? std::string() : ent.id;
    rec.label = choice.adhoc ? r.name : ent.label;
    rec.surface = a.text.substr(m.byte_start, m.byte_end - m.byte_start);
    store::MentionContext(a.text, tokens, m.first_token, m.last_token, m.byte_end, r.context_words,
                          &rec.left, &rec.right);
    out->push_back(std::move(rec));
  }
}

// The records of a document whose records were dropped, read again from
// the same revision: the same records, or an error (the revision was
// discarded by a writer, or the document changed).
bool ReadAgain(const Analyse& analyse, DocReader* reader, ScopedDoc* d, SearchError* error) {
  try {
    ScopedDoc fresh;
    fresh.docid = d->docid;
    reader->VisitDocument(d->docid);
    if (analyse(*reader, &fresh) && fresh.records.size() == d->mentions) {
      d->records = std::move(fresh.records);
      return true;
    }
    error->message = "a document changed while its mentions were listed";
    error->code = Code::kIo;
    error->database_modified = true;
    return false;
  } catch (const Xapian::DatabaseModifiedError& e) {
    error->message = "the database changed while mentions were listed: " + e.get_msg();
    error->code = store::CodeOf(e);
    error->database_modified = true;
    return false;
  } catch (const Xapian::Error& e) {
    error->message = "mention listing failed: " + e.get_description();
    error->code = store::CodeOf(e);
    return false;
  }
}

// Finds the mentions in every document in scope and reports them in
// document order: from the table stored at indexing when the request allows
// (same dictionaries), else by running the matcher over the stored text.
// The summary is complete before the first visit; `visit` may move from the
// record it is given.
bool Walk(Searcher& searcher, const lang::EntityMatcher& dict_matcher, const MentionQuery& r,
          const std::function<bool(Mention&, const ScopedDoc&)>& visit, MentionSummary* summary,
          Xapian::Query* filter, SearchError* error) {
  MatcherChoice choice = ChooseMatcher(dict_matcher, r);
  std::map<std::string, int> wanted;  // entity id -> index in the matcher
  std::set<std::string> wanted_ids;
  for (int e : choice.entities) {
    if (choice.adhoc) continue;
    summary->entities.push_back(choice.matcher->entity(e).id);
    wanted.emplace(choice.matcher->entity(e).id, e);
    wanted_ids.insert(choice.matcher->entity(e).id);
  }
  const bool use_table = r.use_stored_mentions && !choice.adhoc;
  // A listing first counts each document's records from its table without
  // their strings (surface, context), and makes them again when it reaches
  // the document in path order: it never holds every record at once. The
  // strings are the text's when it is read.
  bool strings = false;
  const Analyse analyse = [&](DocReader& doc, ScopedDoc* d) {
    std::vector<store::StoredMention> stored;
    const bool have_table =
        use_table && store::DecodeEntityMentions([&doc](unsigned slot) { return doc.value(slot); },
                                                 wanted_ids, &stored, strings);
    // The default listing needs no text: metadata and the stored mentions.
    if (have_table && r.context_words == store::kStoredContextWords &&
        store::DecodeDocumentData(doc.value(schema::kValueMeta), &d->article)) {
      d->from_table = true;
      return RecordsFromTable(&stored, d->article, false, wanted, *choice.matcher, r.context_words,
                              r.least_confidence, &d->records);
    }
    if (!store::DecodeDocumentData(doc.data(), &d->article)) return false;
    if (!have_table || !RecordsFromTable(&stored, d->article, true, wanted, *choice.matcher,
                                         r.context_words, r.least_confidence, &d->records)) {
      d->records.clear();
      RecordsFromText(*d, choice, r, &d->records);
    }
    d->article.text.clear();
    d->article.text.shrink_to_fit();
    return true;
  };
  // Past r.kept_records, records are counted and dropped (not when
  // counting: a count keeps no record for long).
  std::size_t kept = 0;
  const Analyse bounded = [&](DocReader& doc, ScopedDoc* d) {
    if (!analyse(doc, d)) return false;
    d->mentions = d->records.size();
    if (d->from_table && !r.counting && !d->records.empty()) {
      d->records.clear();
      d->records.shrink_to_fit();
      d->dropped = true;
      return true;
    }
    kept += d->mentions;
    if (kept > r.kept_records && !r.counting && !d->records.empty()) {
      kept -= d->mentions;
      d->records.clear();
      d->records.shrink_to_fit();
      d->dropped = true;
    }
    return true;
  };
  std::vector<ScopedDoc> docs;
  if (!Scope(searcher, r, choice, bounded, &docs, &summary->documents_in_scope, filter, error)) {
    return false;
  }
  for (const ScopedDoc& d : docs) {
    if (d.mentions == 0) continue;
    ++summary->documents;
    summary->mentions += d.mentions;
  }
  DocReader again(searcher.database(), searcher.all_local());
  strings = true;
  for (ScopedDoc& d : docs) {
    if (d.dropped && !ReadAgain(analyse, &again, &d, error)) return false;
    for (Mention& rec : d.records) {
      if (!visit(rec, d)) return true;
    }
    if (d.dropped) {
      d.records.clear();
      d.records.shrink_to_fit();
    }
  }
  return true;
}

}  // namespace

bool ListMentions(Searcher& searcher, const lang::EntityMatcher& matcher,
                  const MentionQuery& request, const std::function<bool(Mention&)>& sink,
                  MentionSummary* summary, SearchError* error) {
  std::size_t emitted = 0;
  bool stopped = false;
  Xapian::Query filter;
  return Walk(
      searcher, matcher, request,
      [&](Mention& rec, const ScopedDoc& d) {
        summary->truncated = summary->mentions > request.limit;
        if (stopped || emitted >= request.limit) return false;
        rec.article = d.article;  // the document's text is already cleared
        stopped = !sink(rec);
        ++emitted;
        return !stopped && emitted < request.limit;
      },
      summary, &filter, error);
}

namespace {

std::string DocKey(CountBy by, const corpus::Article& a) {
  switch (by) {
    // Only ISO dates, as the date slot holds them (an article added through
    // the library may carry anything): one bucket whichever is read.
    case CountBy::kDate:
      return store::CompactDate(a.date).empty() ? std::string() : a.date;
    case CountBy::kMonth:
      return store::CompactDate(a.date).empty() ? std::string() : a.date.substr(0, 7);
    case CountBy::kWeek:
      return store::CompactDate(a.date).empty() ? std::string() : corpus::WeekOf(a.date);
    case CountBy::kSource:
      return a.source;
    case CountBy::kLang:
      return a.lang;
    default:
      return std::string();
  }
}

bool IsCalendarCount(CountBy by) {
  return by == CountBy::kDate || by == CountBy::kWeek || by == CountBy::kMonth;
}

// Every day or week ("YYYY-MM-DD", a week by its Monday) or month
// ("YYYY-MM") from `first` to `last`, both keys of that kind.
std::vector<std::string> Calendar(const std::string& first, const std::string& last, CountBy by) {
  std::vector<std::string> out;
  if (by != CountBy::kMonth) {
    const long step = by == CountBy::kWeek ? 7 : 1;
    for (std::string k = first; !k.empty() && out.size() < 100000; k = corpus::AddDays(k, step)) {
      out.push_back(k);
      if (k >= last) break;
    }
    return out;
  }
  int y = std::stoi(first.substr(0, 4)), m = std::stoi(first.substr(5, 2));
  for (int guard = 0; guard < 100000; ++guard) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    out.push_back(buf);
    if (out.back() >= last) break;
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  return out;
}

bool IsCalendarKey(const std::string& k, CountBy by) {
  return by == CountBy::kMonth ? k.size() == 7 : k.size() == 10;
}

// The bucket of a requested date ("YYYY-MM-DD").
std::string CalendarKeyOf(const std::string& iso_date, CountBy by) {
  if (by == CountBy::kMonth) return iso_date.substr(0, 7);
  return by == CountBy::kWeek ? corpus::WeekOf(iso_date) : iso_date;
}

// The dates a filter requires ("YYYY-MM-DD", "" = open): a date: range at
// the top of the query or ANDed there (several intersect). Counts are
// zero-filled over it, not only between the first and last dated document.
void RequestedDates(const std::string& filter, std::string* from, std::string* to) {
  if (filter.empty()) return;
  const ParseResult parsed = ParseQuery(filter);
  if (!parsed.ok()) return;
  std::vector<const QueryNode*> ranges;
  if (parsed.root->kind == QueryNode::Kind::kDateRange) ranges.push_back(parsed.root.get());
  if (parsed.root->kind == QueryNode::Kind::kAnd) {
    for (const auto& c : parsed.root->children) {
      if (c->kind == QueryNode::Kind::kDateRange) ranges.push_back(c.get());
    }
  }
  const auto iso = [](const std::string& d) {
    return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  };
  for (const QueryNode* r : ranges) {
    if (!r->date_from.empty() && (from->empty() || iso(r->date_from) > *from)) {
      *from = iso(r->date_from);
    }
    if (!r->date_to.empty() && (to->empty() || iso(r->date_to) < *to)) *to = iso(r->date_to);
  }
}

// The first and last day any document of the database is dated
// ("YYYY-MM-DD"; "" when none is): its first and last day terms.
void IndexDates(const Xapian::Database& db, std::string* first, std::string* last) {
  const std::string prefix = schema::kDay;
  const auto iso = [&](const std::string& term) {
    const std::string d = term.substr(prefix.size());
    return d.size() == 8 ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2)
                         : std::string();
  };
  try {
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
      if (first->empty()) *first = iso(*t);
      *last = iso(*t);
    }
  } catch (const Xapian::Error&) {
    first->clear();  // the buckets then span the documents in scope
    last->clear();
  }
}

// The value slot a date, month, source or language bucket is read from.
Xapian::valueno SlotOf(CountBy by) {
  return by == CountBy::kSource ? schema::kValueSource
         : by == CountBy::kLang ? schema::kValueLang
                                : schema::kValueDate;
}

// The bucket of a document whose SlotOf(by) value is `value`.
std::string KeyOfValue(CountBy by, const std::string& value) {
  corpus::Article a;
  if (by == CountBy::kSource) {
    a.source = lang::SanitizeUtf8(value);  // as the document data holds it
  } else if (by == CountBy::kLang) {
    a.lang = value;
  } else if (value.size() == 8) {
    a.date = value.substr(0, 4) + "-" + value.substr(4, 2) + "-" + value.substr(6, 2);
  }
  return DocKey(by, a);
}

// Counts from the XC terms (schema::EntityCountTerm: per document and
// entity, the number of its mentions in the text) and the documents' value
// slots, reading no document: for every figure the name resolves to, every
// "XC<id>:<n>" term, its documents in docid order with the value stream of
// the bucket's slot beside them. Only with the index's own dictionaries, no
// filter, every confidence and a bucket other than the variant; and only when every document
// tagged with the figure has its count term (documents indexed before the
// terms existed do not): false otherwise, and the caller walks the
// documents instead. The same counts as the walk (tests/query/mentions_test.cc).
bool CountFromTerms(Searcher& searcher, const lang::EntityMatcher& matcher, const MentionQuery& r,
                    CountBy by, std::map<std::string, CountRow>* buckets, MentionSummary* summary) {
  if (!r.filter.empty() || !r.use_stored_mentions || by == CountBy::kVariant ||
      !searcher.all_local() || r.least_confidence != lang::Confidence::kLow) {
    return false;
  }
  const std::vector<int> entities = r.aliases ? matcher.Resolve(r.name, "") : std::vector<int>();
  if (entities.empty()) return false;
  try {
    const Xapian::Database& db = searcher.database();
    // Every tagged document has exactly one count term per figure.
    for (int e : entities) {
      const std::string id = matcher.entity(e).id;
      const std::string prefix = schema::EntityCountPrefix(id);
      Xapian::doccount with_counts = 0;
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        with_counts += t.get_termfreq();
      }
      if (with_counts != db.get_termfreq(schema::kEntity + id)) return false;
    }
    std::map<std::string, CountRow> counted;
    std::map<std::string, std::set<Xapian::docid>> docs;
    std::set<Xapian::docid> all_docs;
    std::size_t mentions = 0, documents = 0;
    const bool shared = entities.size() > 1;  // a document may hold several
    for (int e : entities) {
      const std::string id = matcher.entity(e).id;
      const std::string prefix = schema::EntityCountPrefix(id);
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string term = *t;
        const std::size_t n = std::strtoull(term.c_str() + prefix.size(), nullptr, 10);
        const Xapian::valueno slot = SlotOf(by);
        auto value = db.valuestream_begin(slot);
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
          const Xapian::docid docid = *p;
          std::string key = id;
          if (by != CountBy::kEntity) {
            if (value != db.valuestream_end(slot) && value.get_docid() < docid) {
              value.skip_to(docid);
            }
            const bool has = value != db.valuestream_end(slot) && value.get_docid() == docid;
            key = KeyOfValue(by, has ? *value : std::string());
          }
          CountRow& row = counted[key];
          row.key = key;
          row.mentions += n;
          mentions += n;
          if (shared) {
            docs[key].insert(docid);
            all_docs.insert(docid);
          } else {
            ++row.documents;
            ++documents;
          }
        }
      }
    }
    if (shared) {
      for (auto& [key, row] : counted) row.documents = docs[key].size();
      documents = all_docs.size();
    }
    for (int e : entities) summary->entities.push_back(matcher.entity(e).id);
    summary->mentions = mentions;
    summary->documents = documents;
    summary->documents_in_scope = db.get_doccount();
    *buckets = std::move(counted);
    return true;
  } catch (const Xapian::Error&) {
    return false;  // the walk reads the documents, and reports what fails
  }
}

}  // namespace

bool CountMentions(Searcher& searcher, const lang::EntityMatcher& matcher,
                   const MentionQuery& request, CountBy by, std::vector<CountRow>* rows,
                   MentionSummary* summary, SearchError* error) {
  std::map<std::string, CountRow> buckets;
  Xapian::Query filter = Xapian::Query::MatchAll;
  // Counts need no context, and no surface unless counted by variant: the
  // stored table is read without them, and no text is read.
  MentionQuery counted = request;
  counted.counting = by != CountBy::kVariant;
  counted.context_words = store::kStoredContextWords;
  if (!CountFromTerms(searcher, matcher, counted, by, &buckets, summary)) {
    std::map<std::string, std::set<Xapian::docid>> docs_with;
    const bool ok = Walk(
        searcher, matcher, counted,
        [&](const Mention& rec, const ScopedDoc& d) {
          std::string key;
          if (by == CountBy::kVariant)
            key = rec.surface;
          else if (by == CountBy::kEntity)
            key = rec.entity.empty() ? rec.label : rec.entity;
          else
            key = DocKey(by, d.article);
          CountRow& row = buckets[key];
          row.key = key;
          ++row.mentions;
          docs_with[key].insert(d.docid);
          return true;
        },
        summary, &filter, error);
    if (!ok) return false;
    for (auto& [key, row] : buckets) row.documents = docs_with[key].size();
  }

  if (by == CountBy::kVariant || by == CountBy::kEntity) {
    for (auto& [key, row] : buckets) row.documents_in_scope = summary->documents_in_scope;
  } else {
    // Documents in scope per bucket, read from every document the filter
    // allows; started again at the newest commit if a writer discards the
    // revision being read.
    std::map<std::string, std::size_t> in_scope;
    for (int attempt = 0;; ++attempt) {
      try {
        in_scope.clear();
        const Xapian::Database& db = searcher.database();
        const Xapian::valueno slot = SlotOf(by);
        const auto key_of = [by](const std::string& value) { return KeyOfValue(by, value); };
        if (request.filter.empty() && searcher.all_local()) {
          // Every document is in scope. A day or month is a boolean term of
          // every document dated then (XD/XM + the ISO date's digits, exactly
          // when the date slot holds the date): its term frequency is the
          // bucket. Otherwise the slot's value stream, read in one pass.
          // Documents without a date or value count as an empty one.
          Xapian::doccount with_value = 0;
          if (IsCalendarCount(by)) {
            const std::string prefix = by == CountBy::kMonth ? schema::kMonth : schema::kDay;
            for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
              const std::string digits = (*t).substr(prefix.size());
              in_scope[key_of(by == CountBy::kMonth ? digits + "01" : digits)] += t.get_termfreq();
              with_value += t.get_termfreq();
            }
          } else {
            for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
              ++in_scope[key_of(*v)];
              ++with_value;
            }
          }
          if (db.get_doccount() > with_value)
            in_scope[key_of("")] += db.get_doccount() - with_value;
          break;
        }
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        enquire.set_query(filter);
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        Xapian::MSet all = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
        DocReader doc(db, searcher.all_local());
        for (auto it = all.begin(); it != all.end(); ++it) {
          doc.Visit(it);
          ++in_scope[key_of(doc.value(slot))];
        }
        break;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (RetryAfterModification(attempt)) {
          searcher.Reopen();
          continue;
        }
        error->message = "the database kept changing while counting: " + e.get_msg();
        error->code = store::CodeOf(e);
        error->database_modified = true;
        return false;
      } catch (const Xapian::Error& e) {
        error->message = "counting failed: " + e.get_description();
        error->code = store::CodeOf(e);
        return false;
      }
    }
    for (const auto& [key, n] : in_scope) {
      CountRow& row = buckets[key];
      row.key = key;
      row.documents_in_scope = n;
    }
    if (IsCalendarCount(by)) {
      std::string first, last;
      for (const auto& [key, row] : buckets) {
        if (!IsCalendarKey(key, by)) continue;
        if (first.empty() || key < first) first = key;
        if (last.empty() || key > last) last = key;
      }
      std::string from, to;
      RequestedDates(request.filter, &from, &to);
      // Without a requested range, the whole index's dates: counts under
      // different filters (lang:fr, lang:de) share one calendar.
      std::string index_first, index_last;
      if (from.empty() || to.empty()) IndexDates(searcher.database(), &index_first, &index_last);
      if (from.empty() && !index_first.empty()) from = index_first;
      if (to.empty() && !index_last.empty()) to = index_last;
      if (!from.empty()) first = CalendarKeyOf(from, by);
      if (!to.empty()) last = CalendarKeyOf(to, by);
      if (!first.empty() && !last.empty() && first <= last) {
        for (const std::string& k : Calendar(first, last, by)) buckets[k].key = k;
      }
    }
  }
  rows->clear();
  for (auto& [key, row] : buckets) rows->push_back(row);
  return true;
}

}  // namespace concord::query
