/**
 * Sentence segmentation for news copy. Plain rules rather than a general-purpose model: wire and
 * tabloid text breaks sentences where a model does not look (a photo caption with no full stop runs
 * straight into the next sentence) and keeps them whole where a model splits (domain names,
 * abbreviations, initials), and every rule here has an example in segment.test.ts.
 */
export type SegmentKind = 'sentence' | 'caption' | 'byline' | 'boilerplate'

export type Segment = {
  text: string
  /** Position among all segments of the text, captions and bylines included. */
  index: number
  /** 0 for the first paragraph; texts without blank lines are one paragraph. */
  paragraph: number
  kind: SegmentKind
  /** Opens or closes a quotation it does not contain whole, or sits inside one. */
  partialQuote: boolean
}

const abbreviations = new Set(
  (
    'mr mrs ms messrs dr prof gov sen rep gen col lt sgt capt cmdr adm maj cpl pte pvt st ste mt ft jr sr ' +
    'inc ltd co corp bros plc llc vs v no nos vol fig figs approx dept univ ave rd blvd hon rev fr rt ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'al cf ca est op pp ed eds'
  ).split(' '),
)

// Capitalised words that start a sentence far more often than they continue one: where one follows a
// lower-case word with no punctuation between, a caption without a full stop has just ended.
const sentenceStarters = new Set(
  (
    'The A An He She It They We His Her Their Its This These Those There In On At After Before When ' +
    'While Meanwhile But However'
  ).split(' '),
)

// Lower-case words after which a capitalised word is usually a name or a title, not a new sentence.
const continuers = new Set(
  (
    'a an the of in on at by for from to with into onto over under about as and or nor but than that ' +
    'which who whom whose said says told tells asked called named titled dubbed branded labelled ' +
    'labeled nicknamed starring star film movie show series song album book novel play magazine ' +
    'newspaper paper read reads wrote is was are were be been being his her their its our my your ' +
    'join joined visit visited like via per versus vs reported reports wrote tweeted posted'
  ).split(' '),
)

const agencies =
  'CNN|AP|Reuters|AFP|UPI|PA|EFE|dpa|DPA|Xinhua|Bloomberg|CNBC|BBC|Mashable|EW|Variety|WIRED|TIME|Time|' +
  'Fortune|Money|CNNMoney|Billboard|People|Newser|Sportsmail|MailOnline'

// "(CNN)", "Kathmandu, Nepal (CNN) --", "LONDON (Reuters) -", "WASHINGTON, March 3 (AP) —".
const agencyDateline = new RegExp(
  String.raw`^(?:[A-Z][\p{L}.'’-]*(?:[ ,]+(?:[A-Z][\p{L}.'’-]*|\d{1,2}))*\s*)?\((?:${agencies})[^)]{0,20}\)\s*(?:[-–—]{1,2}\s*|:\s*)?`,
  'u',
)
// "NEW YORK -- ", "BEIRUT, Lebanon — ": a place in capitals and a dash.
const capsDateline = /^[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\p{L} .]{1,30})?\s*[-–—]{1,2}\s+/u
// Daily Mail and wire bylines and time stamps: "By . Jane Doe . PUBLISHED: . 08:43 EST, 23 April
// 2014 . | . UPDATED: . 10:06 EST, 23 April 2014 .", "Last updated at 5:42 PM on 3rd January 2012".
const stampLine =
  /^(?:(?:By\s*\.?\s*(?:[A-Z][\p{L}'’-]*\.?\s*){1,5}(?:(?:and|&)\s*(?:[A-Z][\p{L}'’-]*\.?\s*){1,4})?(?:,\s*[^.]{1,40})?\s*\.\s*)|(?:(?:PUBLISHED|UPDATED|Published|Updated|Last updated)\s*:?\s*\.?\s*(?:at\s*)?[^|.]*?\d{4}\s*\.?\s*\|?\s*\.?\s*))+/u

const boilerplate = [
  /\bwill be providing you with\b/i,
  /\b(?:scroll down|click here|read more|see more|watch more|more here|full story)\b/i,
  /\bfollow (?:us|him|her|them|[@\w.]+) on (?:twitter|facebook|instagram)\b/i,
  /^(?:follow|like) (?:us|\w+) on\b/i,
  /\b(?:sign up|subscribe) (?:for|to) (?:our|the)\b/i,
  // No \b before ©: it is not a word character, so a boundary never precedes it after a space.
  /\b(?:all rights reserved|copyright \d{4})|©/i,
  /^(?:photo|picture|image|video|source|credit|pictured|inset|above|below|left|right)s?\s*(?:courtesy)?\s*:/i,
  /\((?:photo|picture|image)s?\s*(?:by|:|courtesy)/i,
  /^\(?(?:reporting|writing|editing|additional reporting) by\b/i,
  /\bcontributed to this (?:report|story)\b/i,
  /\bthis (?:article|story) (?:was|has been) (?:originally|first)? ?(?:published|updated|corrected)\b/i,
  /\bshare this article\b/i,
  /\bstory highlights\b/i,
  /\b(?:live|follow) (?:coverage|updates) (?:of|from)\b.*\bhere\b/i,
  /^(?:related|recommended|advertisement|editor['’]s note)\s*:?/i,
]

const terminal = /[.!?…](?:["'”’)\]]+)?$/

function isAbbreviation(word: string, next: string) {
  const bare = word.replace(/^[("'“‘[]+/, '')
  const stem = bare.slice(0, -1)
  if (!stem) return false
  // A single initial ("B. King", "George W. Bush"), not a sentence ending in a capital letter.
  if (/^\p{Lu}$/u.test(stem)) return true
  // Dotted acronyms ("U.S.", "a.m.") end sentences too; they do when a common opener follows.
  if (/^(?:\p{L}\.)+\p{L}$/u.test(stem)) return !sentenceStarters.has(next.replace(/^["'“‘(]+/, ''))
  if (abbreviations.has(stem.toLowerCase())) {
    // "No. 1" but "There was no. Then…"; month names end sentences only before an opener.
    if (stem.toLowerCase() === 'no' || stem.toLowerCase() === 'nos') return /^\d/.test(next)
    return !(stem === stem.toLowerCase() && sentenceStarters.has(next))
  }
  return false
}

// What follows a caption is a sentence of its own, so a "cut" that leaves a few words before the next
// full stop was inside a name or a term: "infra-red A rays, too.", "The Last Man On Earth."
function shortTail(words: string[], from: number) {
  for (let j = from; j < from + 3 && j < words.length; j++) if (terminal.test(words[j]!)) return true
  return false
}

// A quotation that closes within a few words with no punctuation of its own is a name or a phrase
// ("the infamous ‘King of Instagram’ Dan Blizerian"), not speech that a caption ran into.
function quotedName(words: string[], from: number) {
  for (let j = from; j < from + 5 && j < words.length; j++) if (/[^.,;:!?][’”]$/.test(words[j]!)) return true
  return false
}

/** Splits one paragraph into raw sentence strings. */
function splitParagraph(paragraph: string) {
  const words = paragraph.split(/\s+/).filter(Boolean)
  const out: string[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length) out.push(current.join(' '))
    current = []
  }
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!
    const next = words[i + 1]
    current.push(word)
    if (next === undefined) break
    const nextBare = next.replace(/^["'“‘(\[]+/, '')
    const opens = /^[\p{Lu}\d©]/u.test(nextBare) || /^["“‘(\[]/.test(next)
    if (terminal.test(word)) {
      if (!opens) continue
      // "…" mid-quotation and "?" or "!" inside a title run on in lower case, so only an opener counts.
      if (/\.$/.test(word) && !/\.\.$/.test(word) && isAbbreviation(word, nextBare)) continue
      flush()
      continue
    }
    // A caption or credit with no full stop: a lower-case word (or a number) then a common opener,
    // or an opening quotation mark that nothing introduced.
    if (/[\p{Ll}\d%)]$/u.test(word) && !continuers.has(word.toLowerCase())) {
      const after = words[i + 2] ?? ''
      const starter = sentenceStarters.has(next) && !(/^(?:A|An)$/.test(next) && !/^\p{Ll}/u.test(after))
      const quoteOpener = /^[‘“]\p{Lu}/u.test(next) && !quotedName(words, i + 1)
      if ((starter || quoteOpener) && !shortTail(words, i + 1)) flush()
    }
  }
  flush()
  return out
}

/**
 * Walks the quotation marks of one sentence from the state the previous one left. A sentence is a
 * partial quotation when it starts inside one, ends inside one or closes one it did not open.
 */
function quoteState(text: string, startsInQuote: boolean) {
  let inQuote = startsInQuote
  let partial = startsInQuote && !/^["“‘']/.test(text)
  const open = () => {
    inQuote = true
  }
  const close = () => {
    if (!inQuote) partial = true
    inQuote = false
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    const before = text[i - 1] ?? ' '
    const after = text[i + 1] ?? ' '
    if (c === '“') open()
    else if (c === '”') close()
    else if (c === '"') {
      if (/[\s(\[—–-]/.test(before) && !/\s/.test(after)) open()
      else close()
    } else if ((c === '‘' || c === "'") && /[\s(\[—–-]/.test(before) && /[\p{L}\d]/u.test(after)) open()
    else if (c === '’' || c === "'") {
      // After punctuation it closes a quotation; after a word it closes one only if one is open, else
      // it is an apostrophe ("didn’t", "players’").
      if (/[.,!?…]/.test(before)) close()
      else if (inQuote && /[\s.,;:!?)]/.test(after) && !/\s/.test(before)) close()
    }
  }
  return { inQuote, partial: partial || inQuote }
}

function stripLead(text: string) {
  let t = text
  for (let i = 0; i < 3; i++) {
    const before = t
    t = t.replace(stampLine, '').replace(agencyDateline, '').replace(capsDateline, '')
    if (t === before) break
  }
  return t
}

// A subheading in capitals run into the sentence under it ("BALL OF THE CENTURY Benaud was on hand…",
// "REASON IT MIGHT NOT: He is only…"). Three words at least, one of four letters or more, so that
// acronyms before a name ("UK PM Theresa May", "NFL MVP Tom Brady") stay.
const subhead = /^((?:[\p{Lu}\d][\p{Lu}\d'’&-]*[:,]?\s+){3,})(?=\p{Lu}\p{Ll})/u
function withoutSubhead(sentence: string) {
  const m = subhead.exec(sentence)
  return m && /\p{Lu}{4}/u.test(m[1]!) ? sentence.slice(m[0].length) : sentence
}

/** News text split into sentences, each marked as a sentence, caption, byline or boilerplate. */
export function segment(text: string): Segment[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n|\n(?=\s*[\p{Lu}"“‘'(])/u)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
  const segments: Segment[] = []
  let inQuote = false
  let quoteRun = 0
  paragraphs.forEach((raw, paragraph) => {
    const stripped = stripLead(raw)
    if (stripped.length < raw.length && paragraph === 0 && !stripped) return
    // A caption label ("Wanted: Police in…", "Haul: The cherry picker…") is not part of the sentence.
    const parts = splitParagraph(stripped.replace(/^\p{Lu}\p{Ll}+:\s+(?=\p{Lu})/u, ''))
    parts.forEach((piece, k) => {
      const part = withoutSubhead(piece)
      let kind: SegmentKind = 'sentence'
      const lastOfParagraph = k === parts.length - 1
      if (boilerplate.some((re) => re.test(part))) kind = 'boilerplate'
      else if (/^By\s/.test(part) && part.split(/\s+/).length <= 8) kind = 'byline'
      // Mid-paragraph text without a full stop is a caption or a credit; so is a short last line.
      else if (!terminal.test(part) && (!lastOfParagraph || part.split(/\s+/).length < 25)) kind = 'caption'
      const quote = quoteState(part, inQuote)
      // A quotation left open for several sentences is a mark read wrongly, not a long quote.
      quoteRun = quote.inQuote ? quoteRun + 1 : 0
      inQuote = quote.inQuote && quoteRun < 4
      const partialQuote = quote.partial
      segments.push({ text: part, index: segments.length, paragraph, kind, partialQuote })
    })
    // News style reopens a quotation running on into the next paragraph; it never spans a break.
    inQuote = false
  })
  return segments
}

/** The plain sentences of a text, captions, bylines and boilerplate left out. */
export function sentencesOf(text: string) {
  return segment(text)
    .filter((s) => s.kind === 'sentence')
    .map((s) => s.text)
}
