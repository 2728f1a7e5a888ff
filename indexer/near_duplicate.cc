#include "indexer/near_duplicate.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "lang/hash.h"
#include "store/document_data.h"
#include "store/schema.h"

namespace concord::indexer {
namespace {

// A 64-bit finaliser: turns one good hash into many independent-looking ones.
std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

Signature MinHashSignature(const std::vector<lang::Token>& tokens) {
  std::vector<const std::string*> words;
  for (const lang::Token& t : tokens) {
    if (t.indexed()) words.push_back(&t.norm);
  }
  Signature sig;
  if (words.size() < 3) return sig;
  sig.mins.assign(Signature::kHashes, std::numeric_limits<std::uint32_t>::max());
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    const std::uint64_t base = Mix(lang::Fnv1a64(
        *words[i + 2], lang::Fnv1a64(*words[i + 1] + "\x1f", lang::Fnv1a64(*words[i] + "\x1f"))));
    // Kirsch-Mitzenmacher: h1 + k*h2 stands in for k independent hashes at the
    // cost of one multiply-add each (the shingle loop is on the indexing path).
    const auto h1 = static_cast<std::uint32_t>(base);
    const auto h2 = static_cast<std::uint32_t>(base >> 32) | 1u;
    for (int k = 0; k < Signature::kHashes; ++k) {
      const std::uint32_t h = h1 + static_cast<std::uint32_t>(k) * h2;
      if (h < sig.mins[k]) sig.mins[k] = h;
    }
  }
  return sig;
}

double Similarity(const Signature& a, const Signature& b) {
  if (a.empty() || b.empty() || a.mins.size() != b.mins.size()) return 0;
  int same = 0;
  for (std::size_t i = 0; i < a.mins.size(); ++i) same += a.mins[i] == b.mins[i];
  return static_cast<double>(same) / a.mins.size();
}

std::vector<std::string> BandTerms(const Signature& signature) {
  std::vector<std::string> out;
  if (signature.empty()) return out;
  static const char kHex[] = "0123456789abcdef";
  constexpr int kRows = Signature::kHashes / Signature::kBands;
  for (int band = 0; band < Signature::kBands; ++band) {
    std::uint64_t h = 0x84222325cbf29ce4ULL;
    for (int r = 0; r < kRows; ++r) h = Mix(h ^ signature.mins[band * kRows + r]);
    std::string t = std::string(schema::kBand) + kHex[band / 16] + kHex[band % 16];
    for (int shift = 44; shift >= 0; shift -= 4) t += kHex[(h >> shift) & 0xf];
    out.push_back(std::move(t));
  }
  return out;
}

std::string EncodeSignature(const Signature& signature) {
  std::string out;
  out.reserve(signature.mins.size() * 4);
  for (std::uint32_t v : signature.mins) {
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
  }
  return out;
}

bool DecodeSignature(const std::string& data, Signature* signature) {
  if (data.size() != Signature::kHashes * 4) return false;
  signature->mins.assign(Signature::kHashes, 0);
  for (int k = 0; k < Signature::kHashes; ++k) {
    std::uint32_t v = 0;
    for (int b = 0; b < 4; ++b) v = v << 8 | static_cast<unsigned char>(data[k * 4 + b]);
    signature->mins[k] = v;
  }
  return true;
}

std::string ClusterOf(const Xapian::Database& db, const Signature& signature,
                      const std::string& own_id) {
  if (signature.empty()) return own_id;
  const std::vector<std::string> bands = BandTerms(signature);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);  // oldest first: stable roots
  const Xapian::MSet candidates = enquire.get_mset(0, 50);
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    const Xapian::Document d = it.get_document();
    Signature other;
    if (DecodeSignature(d.get_value(schema::kValueMinHash), &other) &&
        Similarity(other, signature) >= schema::kNearDuplicateSimilarity) {
      const std::string cluster = d.get_value(schema::kValueCluster);
      if (!cluster.empty()) return cluster;
    }
  }
  return own_id;
}

std::size_t JoinClusters(const Xapian::Database* older, Xapian::WritableDatabase* db) {
  // Documents in a band with others (here or older): only they can join
  // another's cluster.
  std::set<Xapian::docid> shared;
  const std::string prefix = schema::kBand;
  for (auto t = db->allterms_begin(prefix); t != db->allterms_end(prefix); ++t) {
    if (t.get_termfreq() < 2 && !(older && older->term_exists(*t))) continue;
    for (auto p = db->postlist_begin(*t); p != db->postlist_end(*t); ++p) shared.insert(*p);
  }
  const auto signature_in = [](const Xapian::Database& from, Xapian::docid id) {
    Signature s;
    DecodeSignature(from.get_document(id).get_value(schema::kValueMinHash), &s);
    return s;
  };
  // The documents a document is compared with: the oldest kCompared sharing
  // a band (as ClusterOf). A posting list is in id order, so the oldest of
  // a band are its first postings: no more than kCompared of each band are
  // read, however many documents share it (20,000 copies of one wire story
  // would otherwise make the join quadratic).
  constexpr std::size_t kCompared = 50;
  // The older segments' oldest documents per band, (segment, id), kept for
  // the bands many documents share (read once, not once per document).
  std::map<std::string, std::vector<std::pair<Xapian::docid, Xapian::docid>>> older_firsts;
  const auto oldest_in_older = [&](const std::string& band) {
    auto known = older_firsts.find(band);
    if (known != older_firsts.end()) return known->second;
    // Oldest first: by segment, then by document within it (a combined
    // database interleaves its parts' ids: id = (local - 1) * parts + part + 1),
    // so each part's first kCompared postings are its oldest.
    const Xapian::docid parts = std::max<Xapian::docid>(older->size(), 1);
    std::map<Xapian::docid, std::size_t> taken;  // part -> postings kept
    std::vector<std::pair<Xapian::docid, Xapian::docid>> firsts;
    for (auto p = older->postlist_begin(band); p != older->postlist_end(band); ++p) {
      const Xapian::docid part = (*p - 1) % parts;
      if (taken[part]++ < kCompared) firsts.emplace_back(part, *p);
    }
    std::sort(firsts.begin(), firsts.end());
    if (firsts.size() > kCompared) firsts.resize(kCompared);
    if (older->get_termfreq(band) > kCompared) older_firsts.emplace(band, firsts);
    return firsts;
  };
  // This segment's oldest documents per band, kept likewise: those before a
  // document are the first of these below its id.
  std::map<std::string, std::vector<Xapian::docid>> db_firsts;
  const auto oldest_in_db = [&](const std::string& band) {
    auto known = db_firsts.find(band);
    if (known != db_firsts.end()) return known->second;
    std::vector<Xapian::docid> firsts;
    for (auto p = db->postlist_begin(band);
         p != db->postlist_end(band) && firsts.size() < kCompared; ++p) {
      firsts.push_back(*p);
    }
    if (db->get_termfreq(band) > kCompared) db_firsts.emplace(band, firsts);
    return firsts;
  };
  std::map<Xapian::docid, std::string> cluster;  // decided so far (in docid order)
  std::size_t changed = 0;
  for (const Xapian::docid id : shared) {
    Xapian::Document doc = db->get_document(id);
    const Signature own = signature_in(*db, id);
    const std::vector<std::string> bands = BandTerms(own);
    // As ClusterOf: the documents before it sharing a band, oldest first
    // (the older segments', then this one's), at most 50.
    std::string root;
    std::size_t looked = 0;
    if (older) {
      std::set<std::pair<Xapian::docid, Xapian::docid>> before;  // (part, id)
      for (const std::string& band : bands) {
        for (const auto& first : oldest_in_older(band)) before.insert(first);
      }
      for (auto it = before.begin(); it != before.end() && looked < kCompared && root.empty();
           ++it, ++looked) {
        if (Similarity(signature_in(*older, it->second), own) >= schema::kNearDuplicateSimilarity) {
          root = older->get_document(it->second).get_value(schema::kValueCluster);
        }
      }
    }
    std::set<Xapian::docid> earlier;
    for (const std::string& band : bands) {
      for (const Xapian::docid first : oldest_in_db(band)) {
        if (first >= id) break;
        earlier.insert(first);
      }
    }
    for (auto it = earlier.begin(); it != earlier.end() && looked < kCompared && root.empty();
         ++it, ++looked) {
      if (Similarity(signature_in(*db, *it), own) < schema::kNearDuplicateSimilarity) continue;
      auto known = cluster.find(*it);
      root = known != cluster.end() ? known->second
                                    : db->get_document(*it).get_value(schema::kValueCluster);
    }
    if (root.empty()) {
      corpus::Article a;
      if (!store::DecodeDocumentData(doc.get_data(), &a)) continue;
      root = a.id;
    }
    cluster[id] = root;
    if (doc.get_value(schema::kValueCluster) != root) {
      doc.add_value(schema::kValueCluster, root);
      db->replace_document(id, doc);
      ++changed;
    }
  }
  return changed;
}

}  // namespace concord::indexer
