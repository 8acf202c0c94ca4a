import { diffWords as diffWordTokens } from 'diff'
import { htmlToText } from './html'

export type DiffPart = { value: string; added?: boolean; removed?: boolean }

/** Word-level changes from one plain text to another, in reading order. */
export function diffText(oldText: string, newText: string): DiffPart[] {
  return diffWordTokens(oldText, newText).map(({ value, added, removed }) => ({
    value,
    ...(added ? { added } : {}),
    ...(removed ? { removed } : {}),
  }))
}

/**
 * Word-level changes between two HTML bodies, compared as the text readers read: a change of
 * markup alone (a link, bold) shows no difference.
 */
export function diffWords(oldHtml: string, newHtml: string): DiffPart[] {
  return diffText(htmlToText(oldHtml), htmlToText(newHtml))
}
