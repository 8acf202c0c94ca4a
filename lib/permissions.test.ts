import { describe, expect, it } from 'vitest'
import { can, canEditArticle, canPublishArticle, capabilities } from './permissions'

describe('capabilities', () => {
  it('readers reach nothing in the back office', () => {
    for (const capability of Object.keys(capabilities) as (keyof typeof capabilities)[]) {
      expect(can('reader', capability)).toBe(false)
      expect(can(undefined, capability)).toBe(false)
    }
  })

  it('only admins manage users and settings', () => {
    for (const role of ['editor', 'author', 'contributor'] as const) {
      expect(can(role, 'users.manage')).toBe(false)
      expect(can(role, 'settings.manage')).toBe(false)
    }
    expect(can('admin', 'users.manage')).toBe(true)
  })

  it('only admins import and export the whole site', () => {
    for (const role of ['editor', 'author', 'contributor'] as const) expect(can(role, 'site.import')).toBe(false)
    expect(can('admin', 'site.import')).toBe(true)
  })

  it('editors moderate and publish anyone; authors publish their own; contributors never publish', () => {
    const mine = { authorId: 7, status: 'draft' }
    const theirs = { authorId: 8, status: 'draft' }
    expect(canPublishArticle({ id: 1, role: 'editor' }, theirs)).toBe(true)
    expect(canPublishArticle({ id: 7, role: 'author' }, mine)).toBe(true)
    expect(canPublishArticle({ id: 7, role: 'author' }, theirs)).toBe(false)
    expect(canPublishArticle({ id: 7, role: 'contributor' }, mine)).toBe(false)
    expect(can('author', 'comments.moderate')).toBe(false)
    expect(can('editor', 'comments.moderate')).toBe(true)
  })

  it('contributors edit their own drafts only, and not once submitted', () => {
    expect(canEditArticle({ id: 7, role: 'contributor' }, { authorId: 7, status: 'draft' })).toBe(true)
    expect(canEditArticle({ id: 7, role: 'contributor' }, { authorId: 7, status: 'pending' })).toBe(false)
    expect(canEditArticle({ id: 7, role: 'contributor' }, { authorId: 8, status: 'draft' })).toBe(false)
    expect(canEditArticle({ id: 7, role: 'author' }, { authorId: 8, status: 'draft' })).toBe(false)
    expect(canEditArticle({ id: 1, role: 'editor' }, { authorId: 8, status: 'published' })).toBe(true)
  })
})
