import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

// The dark scheme changes colours and nothing else (every `dark:` class sets a colour), so a page
// checked in full in the light scheme needs only the colour checks again in the dark one.
const colourRules = ['color-contrast', 'link-in-text-block']

/**
 * WCAG 2.1 A/AA violations of serious or critical impact on the page, one line each (empty when
 * clean); with `coloursOnly`, of the checks a colour scheme can change.
 */
export async function seriousViolations(page: Page, { coloursOnly = false } = {}) {
  // Legacy mode runs axe in each frame and merges the results here. The default opens a blank page
  // for every check to merge them there and injects axe into it again: the same violations at twice
  // the cost, and close to forty checks in the suite.
  const builder = new AxeBuilder({ page }).setLegacyMode(true)
  const { violations } = await (
    coloursOnly ? builder.withRules(colourRules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  ).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    )
}
