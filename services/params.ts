import { notFound } from 'next/navigation'

/** A page number from a URL segment; anything but a plain positive integer is a 404. */
export function parsePageParam(value: string | undefined) {
  if (value === undefined) return 1
  if (!/^[1-9]\d{0,5}$/.test(value)) notFound()
  return Number(value)
}

/** 404 for a page past the end; an empty listing still has its page 1. */
export function assertPageInRange(page: number, pageCount: number) {
  if (page > 1 && page > pageCount) notFound()
}

export function decodeSlug(value: string) {
  try {
    return decodeURIComponent(value)
  } catch {
    notFound()
  }
}
