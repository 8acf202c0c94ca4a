/** An upload after processing: the stored original and its responsive renditions. */
export type ProcessedImage = {
  path: string
  mimeType: string
  width: number
  height: number
  bytes: number
  variants: { width: number; height: number; path: string }[]
}
