import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** WCAG 2.1 A/AA violations of serious or critical impact on the page, one line each (empty when clean). */
export async function seriousViolations(page: Page) {
  // Legacy mode runs axe in each frame and merges the results here. The default opens a blank page
  // for every check to merge them there and injects axe into it again: the same violations at twice
  // the cost, and some forty checks in the suite.
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze()
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
