// axe-core for the journeys: the same axe-core, the same rules and options as
// @axe-core/playwright's AxeBuilder().analyze(), without its fixed costs. AxeBuilder evaluates
// axe's 500 kB source again on every call and opens a blank page to finish each run (for results
// across frames): ~0.6-1.3 s a scan where axe.run itself takes 50-110 ms. Here axe is injected
// once per document (a theme switch or a client-side navigation keeps it) and run in the page. A
// page with frames still goes through AxeBuilder, which runs axe in each of them.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import axe, { type Result } from "axe-core";
import { expect } from "./fixtures";

type WithAxe = Window & { axe?: typeof axe };

/** Every axe violation on the page (or in the elements `include` selects), as AxeBuilder reports them. */
export async function axeViolations(page: Page, include?: string): Promise<Result[]> {
  if (page.frames().length > 1) {
    const builder = new AxeBuilder({ page });
    if (include) builder.include(include);
    return (await builder.analyze()).violations;
  }
  const loaded = await page.evaluate(() => typeof (window as WithAxe).axe?.run === "function");
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async (selector) => {
    const injected = (window as WithAxe).axe;
    if (!injected) throw new Error("axe-core did not load");
    const results = await injected.run(selector ? { include: [[selector]], exclude: [] } : document, {});
    return results.violations;
  }, include ?? null);
}

/**
 * No serious or critical axe violation, in the light and the dark theme (set on <html> as
 * Settings does). The page is left in the light theme.
 */
export async function expectAccessible(page: Page, where: string, { include }: { include?: string } = {}) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => {
      document.documentElement.dataset.theme = t;
    }, theme);
    const violations = await axeViolations(page, include);
    const serious = violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(" | ")}`,
      );
    expect(serious, `${where}, ${theme} theme`).toEqual([]);
  }
  await page.evaluate(() => {
    document.documentElement.dataset.theme = "light";
  });
}
