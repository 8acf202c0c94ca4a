import fs from 'node:fs'
import path from 'node:path'
import { test, type Page } from '@playwright/test'

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

/** The XSS specs' own vectors, used when the shared xss.txt corpus is absent. */
export const xssFallback = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '</script><script>alert(1)</script>',
  ']]><script>alert(1)</script>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '{{constructor.constructor("alert(1)")()}}',
  'javascript:alert(1)',
  '\u2028\u2029</script><script>alert(1)</script>',
]

/**
 * Starts recording every sign that injected markup ran on `page`: a dialog, a call to alert,
 * confirm, prompt or print, or a script, object, frame, base or form the policy had to block
 * (that means the sanitizer let one through; an outside image blocked by img-src is not code).
 * The returned list must stay empty.
 */
export async function watchForInjectedCode(page: Page) {
  const fired: string[] = []
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>
    for (const name of ['alert', 'confirm', 'prompt', 'print'])
      w[name] = (...args: unknown[]) => console.log(`xss-fired ${name}(${args.join(',')})`)
    document.addEventListener('securitypolicyviolation', (e) => {
      if (/^(script|object|frame|base|form)/.test(e.violatedDirective))
        console.log(`xss-blocked ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  page.on('dialog', (dialog) => {
    fired.push(`${page.url()}: dialog ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (/xss-(fired|blocked)/.test(message.text())) fired.push(`${page.url()}: ${message.text()}`)
  })
  return fired
}
