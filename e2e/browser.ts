import type * as Playwright from '@playwright/test'
import { devices } from '@playwright/test'
import fs from 'node:fs'

/**
 * A Chromium binary: CHROMIUM_PATH, the system's, or Playwright's own download. Chromium's headless
 * shell comes first: it is the build Playwright itself runs headless, without the desktop browser's
 * window, compositor and zygote machinery, and it runs the end-to-end suite on about half the CPU.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  for (const c of candidates) if (c && fs.existsSync(c)) return c
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require('@playwright/test') as typeof Playwright
    const own = chromium.executablePath()
    if (own && fs.existsSync(own)) return own
  } catch {}
  return undefined
}

/** Desktop Chrome on the Chromium found above, for every Playwright project of the suite. */
export const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: findChromium(),
    // Root in CI has no sandbox; the rest keeps Chromium from calling out to Google's services.
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
}
