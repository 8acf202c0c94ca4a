import { describe, expect, it } from 'vitest'
import { segment, sentencesOf } from './segment'

const kinds = (text: string) => segment(text).map((s) => [s.kind, s.text])

describe('sentence segmentation of news copy', () => {
  it('keeps abbreviations, initials and dotted acronyms inside the sentence', () => {
    expect(
      sentencesOf(
        'Blues legend B.B. King was treated by Dr. Ruiz at 10 a.m. on Monday. Gov. Sam Brownback signed it. George W. Bush spoke in St. Louis, Mo. on Friday. He moved to the U.S. The move paid off. It is the No. 1 seller.',
      ),
    ).toEqual([
      'Blues legend B.B. King was treated by Dr. Ruiz at 10 a.m. on Monday.',
      'Gov. Sam Brownback signed it.',
      'George W. Bush spoke in St. Louis, Mo. on Friday.',
      'He moved to the U.S.',
      'The move paid off.',
      'It is the No. 1 seller.',
    ])
  })

  it('never splits inside a URL, a domain name or a decimal number', () => {
    expect(
      sentencesOf(
        'The account was flagged by TwitterAudit, a Twitter-auditing tool from Foo.com, the oldest of its kind. Rates rose 2.5 per cent, see www.ons.gov.uk/inflation for details. It found 40% fake followers.',
      ),
    ).toEqual([
      'The account was flagged by TwitterAudit, a Twitter-auditing tool from Foo.com, the oldest of its kind.',
      'Rates rose 2.5 per cent, see www.ons.gov.uk/inflation for details.',
      'It found 40% fake followers.',
    ])
  })

  it('drops datelines in their common forms', () => {
    for (const text of [
      '(CNN)Rescuers pulled a boy from the rubble.',
      '(CNN) -- Rescuers pulled a boy from the rubble.',
      'Kathmandu, Nepal (CNN)Rescuers pulled a boy from the rubble.',
      'New Delhi, India (CNN) Rescuers pulled a boy from the rubble.',
      'LONDON (Reuters) - Rescuers pulled a boy from the rubble.',
      'WASHINGTON, March 3 (AP) — Rescuers pulled a boy from the rubble.',
      'BEIRUT, Lebanon -- Rescuers pulled a boy from the rubble.',
    ])
      expect(sentencesOf(text)).toEqual(['Rescuers pulled a boy from the rubble.'])
  })

  it('drops bylines and time stamps', () => {
    expect(
      sentencesOf(
        'By . Daily Mail Reporter . PUBLISHED: . 08:43 EST, 23 April 2014 . | . UPDATED: . 10:06 EST, 23 April 2014 . A man was arrested on Friday after a chase.',
      ),
    ).toEqual(['A man was arrested on Friday after a chase.'])
    expect(kinds('By Jane Doe\n\nA man was arrested on Friday after a chase.')).toEqual([
      ['byline', 'By Jane Doe'],
      ['sentence', 'A man was arrested on Friday after a chase.'],
    ])
    expect(sentencesOf('By the time police arrived, the man had gone.')).toEqual([
      'By the time police arrived, the man had gone.',
    ])
  })

  it('cuts a caption without a full stop off the sentence that follows it', () => {
    expect(
      kinds(
        'People who never divorced can expect a retirement income 13% higher than a colleague The cost of divorce can wreck retirement, according to research.',
      ),
    ).toEqual([
      ['caption', 'People who never divorced can expect a retirement income 13% higher than a colleague'],
      ['sentence', 'The cost of divorce can wreck retirement, according to research.'],
    ])
    expect(
      kinds('Kilmarnock will confirm Gary Locke as manager on Friday ‘I’d be over the moon,’ said Locke.'),
    ).toEqual([
      ['caption', 'Kilmarnock will confirm Gary Locke as manager on Friday'],
      ['sentence', '‘I’d be over the moon,’ said Locke.'],
    ])
    // A label before a caption goes with it.
    expect(
      sentencesOf(
        'Haul: The cherry picker on the roof of the prison in Liverpool The amount of drugs thrown over the fence is so high that staff use a cherry picker.',
      ),
    ).toEqual(['The amount of drugs thrown over the fence is so high that staff use a cherry picker.'])
  })

  it('does not cut inside a name, a term or a nickname that looks like a caption ending', () => {
    expect(
      sentencesOf(
        'The new creams also claim to block infra-red A rays, too. The pair were spotted at the premiere of The Girl In Grey. He learned the game from the self-styled ‘King of Poker’ Dan Smith on Friday.',
      ),
    ).toEqual([
      'The new creams also claim to block infra-red A rays, too.',
      'The pair were spotted at the premiere of The Girl In Grey.',
      'He learned the game from the self-styled ‘King of Poker’ Dan Smith on Friday.',
    ])
  })

  it('drops a subheading in capitals run into the sentence under it, not acronyms before a name', () => {
    expect(
      sentencesOf(
        'The bowler retired on Monday. HIS FINEST OVER Smith took three wickets in six balls at Lord’s in 2009. WHY HE MIGHT STAY: He still loves the game. UK PM Jane Doe thanked him for his service.',
      ),
    ).toEqual([
      'The bowler retired on Monday.',
      'Smith took three wickets in six balls at Lord’s in 2009.',
      'He still loves the game.',
      'UK PM Jane Doe thanked him for his service.',
    ])
  })

  it('does not take a name or a title after a lower-case word for a new sentence', () => {
    expect(
      sentencesOf(
        'In an op-ed published by The New York Times on Wednesday, he set out his case. She starred in The Hunger Games and told Ms Kunis about it.',
      ),
    ).toHaveLength(2)
  })

  it('marks credits and boilerplate', () => {
    const marked = segment(
      'Arsenal won 2-0 on Sunday. Sportsmail will be providing you with all you need to know about the match. Scroll down for video. Photo: Getty Images. Follow us on Twitter for the latest news. The club thanked its fans. ©2016 The Daily Ledger.',
    )
    expect(marked.map((s) => s.kind)).toEqual([
      'sentence',
      'boilerplate',
      'boilerplate',
      'boilerplate',
      'boilerplate',
      'sentence',
      'boilerplate',
    ])
  })

  it('marks sentences of a quotation it cuts open', () => {
    const marked = segment(
      '‘I had a taste of it at Hearts. I’m fortunate to be here. It’s a fantastic opportunity.’ The club agreed. "We know where to look," she said. "We know how to look."',
    )
    expect(marked.map((s) => s.partialQuote)).toEqual([true, true, true, false, false, false])
  })

  it('treats blank lines as paragraph breaks', () => {
    const marked = segment('First paragraph here.\n\nSecond paragraph, first sentence. And its second.')
    expect(marked.map((s) => s.paragraph)).toEqual([0, 1, 1])
  })
})
