import fs from 'node:fs'
import path from 'node:path'
import { test } from '@playwright/test'

const shared = path.resolve(__dirname, '../../../shared/testdata/security')

/**
 * A payload corpus from ../shared/testdata/security when that folder is present, else the
 * suite's own smaller list; the test is annotated with which one it used.
 */
export function corpus(file: string, fallback: string[]) {
  const full = path.join(process.env.SECURITY_TESTDATA ?? shared, file)
  if (fs.existsSync(full)) {
    const lines = fs.readFileSync(full, 'utf8').split('\n').filter(Boolean)
    test.info().annotations.push({ type: 'corpus', description: `${full}: ${lines.length} payloads` })
    return lines
  }
  test.info().annotations.push({ type: 'corpus', description: `${file} absent: ${fallback.length} built-in payloads` })
  console.log(`${file} not found in ${path.dirname(full)}; using ${fallback.length} built-in payloads.`)
  return fallback
}

export function actionId(name: string) {
  const manifest = JSON.parse(fs.readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName: string }>
  }
  return Object.entries(manifest.node).find(([, a]) => a.exportedName === name)![0]
}

/** React's encoding of an action called as (previousState, formData). */
export function actionForm(fields: Record<string, string>) {
  const data = new FormData()
  for (const [key, value] of Object.entries(fields)) data.append(`_1_${key}`, value)
  data.append('0', '[{},"$K1"]')
  return data
}
