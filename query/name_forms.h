#ifndef CONCORD_QUERY_NAME_FORMS_H_
#define CONCORD_QUERY_NAME_FORMS_H_

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "lang/entity_matcher.h"

namespace concord::query {

// A matcher for a name typed by a user that no dictionary knows: the name is
// its only alias (type "other", id "typed_name"). Empty (size() 0) when the
// name has no word. It asks no spelling dictionary (EntityMatcher's
// `ordinary_words`): it is run over every document of an archive.
std::unique_ptr<lang::EntityMatcher> AdHocMatcher(const std::string& name);

// Limits of NameForms: vocabulary terms read and forms returned at most.
inline constexpr std::size_t kMaxNameFormsScanned = 20000;
inline constexpr std::size_t kMaxNameForms = 200;

// The indexed words that are forms of a name outside the dictionaries, as
// --mentions would find them: the words starting like the name's Latin form
// (its first three letters, with v/w, k/c/q, s/z and g/h swapped;
// Cyrillic and Greek words are indexed in Latin letters too) that the
// matcher, given `name` as its only alias, takes for a mention in any
// language (Kushner -> kushnerom for Кушнером; Kovalchuk -> kowaltschuk).
// Latin words whose name key starts otherwise than the name's (first four
// symbols) are skipped unread: a typo in the first letters is not a form.
// Terms are returned as indexed (folded). Xapian errors propagate.
std::vector<std::string> NameForms(const Xapian::Database& vocabulary, const std::string& name);

// True when the index has the word `norm` (folded, as indexed) in a document
// that mentions none of `entity_ids` (no XE term of theirs): a plain word
// of the archive there. Reads two posting lists, the first match enough.
// Xapian errors propagate.
bool PlainWordElsewhere(const Xapian::Database& db, const std::string& norm,
                        const std::vector<std::string>& entity_ids);

// True when `word` as typed looks like a name: it starts with a capital
// letter, or it is written in a script without case, and has 4 letters or more.
bool LooksLikeName(const std::string& word);

}  // namespace concord::query

#endif  // CONCORD_QUERY_NAME_FORMS_H_
