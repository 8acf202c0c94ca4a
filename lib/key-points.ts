/** The points readers are shown, or none when an editor switched them off. */
export function visibleKeyPoints(a: { keyPoints: string[] | null; keyPointsMode: 'auto' | 'edited' | 'off' }) {
  return a.keyPointsMode === 'off' ? [] : (a.keyPoints ?? [])
}

/** What describes an article in feeds and structured data: its standfirst, else its key points. */
export function summaryText(a: {
  standfirst: string
  keyPoints: string[] | null
  keyPointsMode: 'auto' | 'edited' | 'off'
}) {
  return a.standfirst || visibleKeyPoints(a).join(' ')
}
