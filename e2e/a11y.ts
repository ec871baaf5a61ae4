import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";

// What the accessibility checks share (12-responsive, 17-dark-theme): the axe scan and the screenshots
// they keep.

/**
 * axe's serious and critical WCAG 2.1 A/AA violations on the page, one line each naming where; and any
 * id that stands twice (axe no longer checks that, yet a label's `for` then names the wrong control).
 */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const duplicateIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `duplicate id "${id}" on ${n} elements`);
  });
  return duplicateIds.concat(
    result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      ),
  );
}

/**
 * A full-page screenshot kept in the test's output folder (test-results/<flavour>/…) and attached to the
 * report. JPEG by default: encoding a long page (the API reference is ~20,000 px tall on a phone) as PNG took
 * seconds; PNG where colours are what is being looked at (the dark theme).
 */
export async function keep(
  page: Page,
  testInfo: TestInfo,
  name: string,
  { type = "jpeg" }: { type?: "jpeg" | "png" } = {},
) {
  const path = testInfo.outputPath(`${name}.${type}`);
  await page.screenshot({ path, fullPage: true, type, ...(type === "jpeg" ? { quality: 70 } : {}) });
  await testInfo.attach(name, { path, contentType: `image/${type}` });
}
