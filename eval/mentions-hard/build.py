#!/usr/bin/env python3
"""Turn source.txt into docs/*.txt, gold.jsonl and distractors.jsonl.

Markup in source.txt (see README.md):
  {entity_id|surface|class}  gold mention of entity_id written as surface
  {entity_id|surface}        the same, class "plain"
  {!class|surface}           distractor: looks like a mention, is none
\\uXXXX escapes are decoded first. Offsets are Unicode code points into the
document text, as in mentions-dev."""
import json, os, re, sys
from collections import Counter

CLASSES = {'plain', 'derived', 'script', 'lookalike', 'variant', 'namesake'}

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(os.path.dirname(here))
out = os.path.join(here, 'docs')


def entity_ids(path):
    ids = set()
    for line in open(path, encoding='utf-8'):
        m = re.match(r'\s*\[([a-z0-9_-]+)\]\s*$', line)
        if m:
            ids.add(m.group(1))
    return ids


def main():
    ids = entity_ids(os.path.join(repo, 'corpus', 'entities', 'builtin.entities'))
    text = open(os.path.join(here, 'source.txt'), encoding='utf-8').read()
    text = re.sub(r'\\u([0-9A-Fa-f]{4})', lambda m: chr(int(m.group(1), 16)), text)
    docs, cur = [], None
    for line in text.split('\n'):
        m = re.match(r'=== (\S+) (\S+)$', line)
        if m:
            cur = [m.group(1), m.group(2), []]
            docs.append(cur)
        elif cur is not None:
            cur[2].append(line)
    errors = []
    seen = set()
    gold, distractors, written = [], [], set()
    markup = re.compile(r'\{(?:!([a-z]+)\|([^{}|]+)|([a-z0-9_-]+)\|([^{}|]+)(?:\|([a-z]+))?)\}')
    for did, lang, lines in docs:
        if did in seen:
            errors.append('%s: document id used twice' % did)
        seen.add(did)
        body = '\n'.join(lines).strip('\n') + '\n'
        parts, pos, i = [], 0, 0
        for m in markup.finditer(body):
            parts.append(body[i:m.start()])
            pos += m.start() - i
            if m.group(1):
                cls, surface = m.group(1), m.group(2)
                rec = {'doc': did + '.txt', 'lang': lang, 'class': cls, 'surface': surface,
                       'start': pos, 'end': pos + len(surface)}
                distractors.append(rec)
            else:
                ent, surface, cls = m.group(3), m.group(4), m.group(5) or 'plain'
                if ent not in ids:
                    errors.append('%s: unknown entity id %r' % (did, ent))
                rec = {'doc': did + '.txt', 'lang': lang, 'entity': ent, 'surface': surface,
                       'start': pos, 'end': pos + len(surface), 'class': cls}
                gold.append(rec)
            if cls not in CLASSES or (m.group(1) and cls == 'plain'):
                errors.append('%s: bad class %r in %r' % (did, cls, m.group(0)))
            if surface != surface.strip():
                errors.append('%s: surface with outer spaces %r' % (did, surface))
            parts.append(surface)
            pos += len(surface)
            i = m.end()
        parts.append(body[i:])
        doc = ''.join(parts)
        for ch in '{}':
            if ch in doc:
                errors.append('%s: stray %r (malformed markup?)' % (did, ch))
        if doc.strip() == '':
            errors.append('%s: empty document' % did)
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, did + '.txt'), 'w', encoding='utf-8', newline='') as f:
            f.write(doc)
        written.add(did + '.txt')
        # self-check: offsets are code points into the written text
        for rec in gold + distractors:
            if rec['doc'] == did + '.txt' and doc[rec['start']:rec['end']] != rec['surface']:
                errors.append('%s: offset check failed for %r' % (did, rec['surface']))
    if errors:
        sys.exit('build.py: ' + '\nbuild.py: '.join(errors))
    for name in os.listdir(out):           # drop documents no longer in source.txt
        if name.endswith('.txt') and name not in written:
            os.remove(os.path.join(out, name))
    for fname, recs in (('gold.jsonl', gold), ('distractors.jsonl', distractors)):
        with open(os.path.join(here, fname), 'w', encoding='utf-8') as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + '\n')
    langs = sorted({lang for _, lang, _ in docs})
    print('%d docs, %d languages, %d gold mentions, %d distractors' %
          (len(docs), len(langs), len(gold), len(distractors)))
    gc, dc = Counter(g['class'] for g in gold), Counter(d['class'] for d in distractors)
    glang = {}
    for rec in gold + distractors:
        key = rec['class'] if 'entity' in rec else '!' + rec['class']
        glang.setdefault(key, set()).add(rec['lang'])
    print('%-10s %5s %6s  %s' % ('class', 'gold', 'distr', 'languages (gold / distractors)'))
    for c in sorted(CLASSES, key=lambda c: (c == 'plain', c)):
        print('%-10s %5d %6d  %d / %d' % (c, gc[c], dc[c], len(glang.get(c, ())),
                                          len(glang.get('!' + c, ()))))
    lc = Counter(g['lang'] for g in gold)
    ld = Counter(d['lang'] for d in distractors)
    dl = Counter(lang for _, lang, _ in docs)
    print('per language (docs/gold/distractors): ' +
          ', '.join('%s %d/%d/%d' % (l, dl[l], lc[l], ld[l]) for l in langs))


if __name__ == '__main__':
    main()
