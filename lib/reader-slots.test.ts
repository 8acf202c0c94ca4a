import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { sanitizeBody } from './html'
import {
  anonymousGzip,
  fillToken,
  personalHtml,
  personalParts,
  prepareParts,
  readerNameToken,
  splitSlots,
} from './reader-slots'
import { pageBytes, pageText } from './page-text'
import { gzipOf } from './spliced-gzip'

const page =
  '<header><nav aria-label="Account"><gazette-slot data-slot="account">' +
  `<template data-variant="reader"><a href="/account/">${readerNameToken}</a></template>` +
  '<a href="/signin/">Sign in</a></gazette-slot></nav></header><main>' +
  '<gazette-slot data-slot="save:7"><template data-variant="saved"><button>Saved</button></template>' +
  '<button>Save</button></gazette-slot>' +
  '<gazette-slot data-slot="save:8"><template data-variant="saved"><button>Saved 8</button></template>' +
  '<button>Save 8</button></gazette-slot></main>'

// The gzip a signed-in reader is sent, spliced in one buffer.
const personalGzip = (...args: Parameters<typeof personalParts>) => gzipOf(personalParts(...args))

const slot = (name: string, variant: string, reader: string, anonymous: string) =>
  `<gazette-slot data-slot="${name}"><template data-variant="${variant}">${reader}</template>${anonymous}</gazette-slot>`

describe('reader slots', () => {
  it('cut a page into what anonymous readers get and the places that differ', () => {
    const { html, parts } = splitSlots(page)
    expect(html).toBe(
      '<header><nav aria-label="Account"><a href="/signin/">Sign in</a></nav></header><main>' +
        '<button>Save</button><button>Save 8</button></main>',
    )
    expect(parts).toHaveLength(7)
    expect(parts[1]).toEqual({
      slot: 'account',
      anonymous: '<a href="/signin/">Sign in</a>',
      variants: { reader: `<a href="/account/">${readerNameToken}</a>` },
    })
  })

  it('leave a page without marks, or with a mark cut short, as it is', () => {
    expect(splitSlots('<p>plain</p>')).toEqual({ html: '<p>plain</p>', parts: ['<p>plain</p>'] })
    const cut = '<p>a</p><gazette-slot data-slot="account"><a>Sign in</a>'
    expect(splitSlots(cut).html).toBe(cut)
  })

  it('fill in a reader: their name escaped, their saved articles, anything else as for everyone', () => {
    const { parts } = splitSlots(page)
    const visitor = { id: 1, name: 'Rhea <b>&', saved: new Set([8]) }
    const expected =
      '<header><nav aria-label="Account"><a href="/account/">Rhea &lt;b&gt;&amp;</a></nav></header><main>' +
      '<button>Save</button><button>Saved 8</button></main>'
    expect(personalHtml(parts, visitor)).toBe(expected)
    expect(gunzipSync(personalGzip(prepareParts(parts), visitor)).toString()).toBe(expected)
    // Nothing on the page saved: the page comes from its long runs, the same but for the Saved button.
    const reader = { ...visitor, saved: new Set([99]) }
    expect(gunzipSync(personalGzip(prepareParts(parts), reader)).toString()).toBe(personalHtml(parts, reader))
    expect(personalHtml(parts, reader)).toBe(expected.replace('Saved 8', 'Save 8'))
  })

  it('give two readers each their own page from the same parts', () => {
    const prepared = prepareParts(splitSlots(page).parts)
    const rhea = gunzipSync(personalGzip(prepared, { id: 1, name: 'Rhea', saved: new Set([7]) })).toString()
    const otto = gunzipSync(personalGzip(prepared, { id: 2, name: 'Otto', saved: new Set() })).toString()
    expect(rhea).toContain('>Rhea<')
    expect(rhea).toContain('<button>Saved</button>')
    expect(rhea).not.toContain('Otto')
    expect(otto).toContain('>Otto<')
    expect(otto).not.toContain('Saved')
    expect(otto).not.toContain('Rhea')
  })
})

describe('a page with names and Save buttons in several runs', () => {
  const save = (id: number) =>
    `<p>story ${id}</p>` + slot(`save:${id}`, 'saved', `<b>Saved ${id}</b>`, `<b>Save ${id}</b>`)
  const name = (key: string) => slot(key, 'reader', `<i>${readerNameToken}</i>`, '<i>guest</i>')
  const page = `<body>${save(1)}${name('account')}${save(2)}${save(3)}<hr>${name('comment')}${save(4)}</body>`

  it('gives every reader the same page as the uncompressed fill, whatever they saved', () => {
    const { parts } = splitSlots(page)
    const prepared = prepareParts(parts)
    for (const saved of [[], [1, 3, 4], [2], [1, 2, 3, 4], [5]]) {
      const visitor = { id: 1, name: 'Ann & Co', saved: new Set(saved) }
      expect(gunzipSync(personalGzip(prepared, visitor)).toString()).toBe(personalHtml(parts, visitor))
    }
    // Anonymous readers' copy comes from the same runs, the page not compressed a second time.
    expect(gunzipSync(anonymousGzip(prepared)).toString()).toBe(splitSlots(page).html)
    expect(personalHtml(parts, { id: 1, name: 'Ann', saved: new Set([3]) })).toBe(
      '<body><p>story 1</p><b>Save 1</b><i>Ann</i><p>story 2</p><b>Save 2</b><p>story 3</p><b>Saved 3</b><hr>' +
        '<i>Ann</i><p>story 4</p><b>Save 4</b></body>',
    )
  })
  it('sends a reader who saved one story a body the size of the whole page compressed, and any set right', () => {
    const stories = Array.from({ length: 40 }, (_, k) => save(k + 1) + `<p>${'words of the story '.repeat(20)}${k}</p>`)
    const { parts } = splitSlots(`<body>${name('account')}${stories.join('')}</body>`)
    const prepared = prepareParts(parts)
    const plain = gzipOf(personalParts(prepared, { id: 1, name: 'Ann', saved: new Set() })).length
    const one = gzipOf(personalParts(prepared, { id: 1, name: 'Ann', saved: new Set([7]) })).length
    expect(one).toBeLessThan(plain * 1.2)
    // More sets than a page keeps copies for: the rest splice from the pieces cut at every button.
    for (let k = 1; k <= 12; k++) {
      const visitor = { id: k, name: 'Ann', saved: new Set([k, k + 20]) }
      expect(gunzipSync(personalGzip(prepared, visitor)).toString()).toBe(personalHtml(parts, visitor))
    }
    expect(prepared.fine).toBeDefined()
  })
})

describe('a page past ASCII', () => {
  // As the front server holds a page: its UTF-8 bytes, one to a character.
  const page = pageText(
    Buffer.from(
      '<header><p>Café “Ümlaut” 日本</p>' +
        slot('account', 'reader', `<a href="/account/">${readerNameToken}</a>`, '<a href="/signin/">Sign in</a>') +
        '</header><main>— naïve ✓' +
        slot('save:3', 'saved', '<button>Saved “3”</button>', '<button>Save “3”</button>') +
        '</main>',
    ),
  )
  const expected = (name: string, button: string) =>
    `<header><p>Café “Ümlaut” 日本</p><a href="/account/">${name}</a></header><main>— naïve ✓${button}</main>`

  it('comes out as the same UTF-8, with a reader’s name past ASCII too', () => {
    const { html, parts } = splitSlots(page)
    expect(pageBytes(html).toString()).toBe(
      '<header><p>Café “Ümlaut” 日本</p><a href="/signin/">Sign in</a></header><main>— naïve ✓<button>Save “3”</button></main>',
    )
    const prepared = prepareParts(parts)
    for (const saved of [[], [3]]) {
      const visitor = { id: 1, name: 'Zoë & 李', saved: new Set(saved) }
      const want = expected('Zoë &amp; 李', saved.length ? '<button>Saved “3”</button>' : '<button>Save “3”</button>')
      expect(pageBytes(personalHtml(parts, visitor)).toString()).toBe(want)
      expect(gunzipSync(personalGzip(prepared, visitor)).toString()).toBe(want)
    }
    expect(gunzipSync(anonymousGzip(prepared))).toEqual(pageBytes(html))
  })
})

describe('a variant rendered once a page as a pattern', () => {
  const pattern = `<template data-pattern="saved"><button value="${fillToken('id')}" aria-label="Saved: ${fillToken('title')}">Saved</button></template>`
  const save = (id: number, title: string) =>
    `<gazette-slot data-slot="save:${id}" data-pattern="saved" data-fill-id="${id}" data-fill-title="${title}">` +
    `<button value="${id}" aria-label="Save: ${title}">Save</button></gazette-slot>`
  // Values as React writes attributes: escaped, and one holding what looks like another token.
  const page = `<main>${save(1, 'Tom &amp; Jerry')}${pattern}<p>between</p>${save(2, `&quot;${fillToken('id')}&quot;`)}</main>`

  it('is taken out of the page anonymous readers get', () => {
    const { html } = splitSlots(page)
    expect(html).not.toContain('template')
    expect(html).toBe(
      '<main><button value="1" aria-label="Save: Tom &amp; Jerry">Save</button><p>between</p>' +
        `<button value="2" aria-label="Save: &quot;${fillToken('id')}&quot;">Save</button></main>`,
    )
  })

  it('refuses a fill name splitSlots would not read', () => {
    expect(() => fillToken('articleId')).toThrow(/lower-case/)
  })

  it('gives every slot its own values, before or after the pattern, each read once', () => {
    const { parts } = splitSlots(page)
    expect(personalHtml(parts, { id: 1, name: 'Ann', saved: new Set([1, 2]) })).toBe(
      '<main><button value="1" aria-label="Saved: Tom &amp; Jerry">Saved</button><p>between</p>' +
        `<button value="2" aria-label="Saved: &quot;${fillToken('id')}&quot;">Saved</button></main>`,
    )
    const prepared = prepareParts(parts)
    for (const saved of [[], [1], [2], [1, 2]]) {
      const visitor = { id: 1, name: 'Ann', saved: new Set(saved) }
      expect(gunzipSync(personalGzip(prepared, visitor)).toString()).toBe(personalHtml(parts, visitor))
    }
  })
})

describe('marks in what people write', () => {
  it('are taken out of an article body by its sanitizer', () => {
    const body = sanitizeBody(
      '<p>x</p><gazette-slot data-slot="account"><template data-variant="reader">y</template>z</gazette-slot>',
    )
    expect(body).not.toMatch(/gazette-slot|<template/)
  })
})
