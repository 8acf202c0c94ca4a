import { describe, expect, it } from 'vitest'
import { keyPointCount, lead3, leadOnly, type SummaryModel, splitSentences, summarize } from './summarize'
import { setFeatureNames } from './summarize/features'

const story = [
  '(CNN) -- The city council voted on Tuesday to close the old harbour bridge to cars from next spring.',
  'The decision follows an engineering report that found corrosion in three of the bridge’s main supports.',
  'Mayor Ana Ruiz said the bridge would stay open to pedestrians and cyclists while repairs are planned.',
  'But shop owners on Quay Street warned that losing passing traffic could cost them customers.',
  'Why did it take so long?',
  'Repairs are expected to cost about 12 million euros and to take two years.',
  'Buses will be rerouted over the new ring road, adding about five minutes to most journeys.',
  'The council will publish a detailed timetable for the works in January.',
  'Ok then.',
].join(' ')

describe('summarize', () => {
  it('splits sentences with the English model, abbreviations included', () => {
    expect(splitSentences('Dr. Smith arrived at 10 a.m. on Monday. He left at noon.')).toEqual([
      'Dr. Smith arrived at 10 a.m. on Monday.',
      'He left at noon.',
    ])
  })

  it('picks three whole sentences of the text, in their order, without the dateline', () => {
    const points = summarize(story, { title: 'Harbour bridge to close to cars' })
    expect(points).toHaveLength(3)
    expect(points[0]).toBe(
      'The city council voted on Tuesday to close the old harbour bridge to cars from next spring.',
    )
    const order = points.map((p) => story.indexOf(p))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
  })

  it('passes over questions, fragments and sentences that lean on the one before', () => {
    const points = summarize(story)
    expect(points).not.toContain('Why did it take so long?')
    expect(points).not.toContain('Ok then.')
    expect(points.some((p) => p.startsWith('But '))).toBe(false)
  })

  it('gives more key points to long texts, at most five, and copes with short and empty ones', () => {
    expect(keyPointCount(20)).toBe(3)
    expect(keyPointCount(60)).toBe(4)
    expect(keyPointCount(500)).toBe(5)
    expect(keyPointCount(2)).toBe(2)
    expect(summarize('')).toEqual([])
    expect(summarize('One short line only.')).toEqual(['One short line only.'])
  })

  it('Lead-3 is the first three sentences', () => {
    expect(lead3(story)).toHaveLength(3)
    expect(lead3(story)[1]).toMatch(/^The decision follows/)
  })
})

describe('points that stand alone', () => {
  it('never cuts a quotation open: no point starts, ends or sits inside one it does not hold whole', () => {
    const text =
      'Farmers in the valley say the new storage depot has changed their year completely. "We used to lose a third of the crop. Now we lose almost nothing," said one grower at the market. The depot opened in March with room for 4,000 tonnes of grain and vegetables. A second depot is planned for the northern district next year.'
    const points = summarize(text)
    for (const p of points) expect((p.match(/"/g) ?? []).length % 2).toBe(0)
    expect(points).not.toContain('"We used to lose a third of the crop.')
    expect(points).not.toContain('Now we lose almost nothing," said one grower at the market.')
  })

  it('keeps a lead sentence that opens with a connective', () => {
    const text =
      'The club confirmed on Friday that its manager will stay for three more seasons. But the new contract still leaves him the lowest-paid manager in the league this year. The board had weighed two other candidates since the autumn before deciding. Supporters welcomed the news outside the stadium on Friday evening after the match.'
    expect(summarize(text)[1]).toMatch(/^But the new contract/)
  })

  it('passes over captions, boilerplate and datelines', () => {
    const text =
      'Kathmandu, Nepal (CNN)Rescuers pulled a teenage boy alive from the rubble of a hotel on Tuesday, five days after the earthquake. Rescuers carry the boy to an ambulance in Kathmandu on Tuesday The boy was taken to a field hospital run by the army, where doctors said he was dehydrated but stable. Sportsmail will be providing you with all you need to know about the rescue effort. More than 7,000 people are now known to have died in the quake, the government said on Wednesday.'
    const points = summarize(text)
    expect(points[0]).toMatch(/^Rescuers pulled a teenage boy/)
    expect(points.some((p) => /ambulance|Sportsmail|\(CNN\)/.test(p))).toBe(false)
  })

  it('chooses no two points that say the same thing and stays within the length of the lead', () => {
    const text =
      'The government will withdraw its 3,000 troops from the northern province by the end of June. All 3,000 troops will be withdrawn from the northern province by the end of June, the government said. The force was sent four years ago after fighting drove 200,000 people from their homes. Neighbouring states criticised the decision, saying it leaves the border unguarded. Talks on a regional force to replace the troops will open in Geneva next month.'
    const points = summarize(text)
    expect(points).toHaveLength(3)
    expect(points.filter((p) => /3,000 troops/.test(p))).toHaveLength(1)
    const words = (xs: string[]) => xs.join(' ').split(/\s+/).length
    expect(words(points)).toBeLessThanOrEqual(words(splitSentences(text).slice(0, 3)))
  })
})

describe('choosing among whole summaries', () => {
  const text = [
    'The city council approved a new tram line through the harbour district on Monday evening.',
    'Councillor Maria Lopez, who chaired the meeting, wore a bright red scarf to the session.',
    'The weather had been cold and wet for most of the week before the vote.',
    'Trams on the new line will run every six minutes between the harbour district and the central station.',
    'Building work on the tram line starts next spring, the council said.',
    'Shops near the central station will be paid for lost trade until the building work ends next spring.',
  ].join(' ')
  const lead = text.split(/(?<=\.) /).slice(0, 3)
  const coverageOnly: SummaryModel = {
    within: 5,
    features: [...setFeatureNames],
    scale: setFeatureNames.map(() => 1),
    weights: setFeatureNames.map((f) => (f === 'coverage' ? 1 : 0)),
    margin: 0,
  }

  it('keeps the lead without a model', () => {
    expect(summarize(text, { model: leadOnly })).toEqual(lead)
  })

  it('replaces lead sentences with later ones that cover more of what the story repeats, in story order', () => {
    const points = summarize(text, { model: coverageOnly })
    expect(points).toHaveLength(3)
    expect(points[0]).toBe(lead[0])
    expect(points).not.toContain(lead[1])
    expect(points).toContain('Building work on the tram line starts next spring, the council said.')
    const order = points.map((p) => text.indexOf(p))
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    const words = (xs: string[]) => xs.join(' ').split(/\s+/).length
    expect(words(points)).toBeLessThanOrEqual(words(lead))
  })

  it('keeps the lead when no other summary clears the margin', () => {
    expect(summarize(text, { model: { ...coverageOnly, margin: 1 } })).toEqual(lead)
  })
})
