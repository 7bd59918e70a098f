import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { dashboardDir } from "./build";

// Debian's chromium through playwright-core (no browser download), pages at wall-screen size.

export const chromiumPath = process.env.STARBOARD_CHROMIUM ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}

/** A fresh browser context whose localStorage already holds `key` (and `locale` when given). */
export async function signedInPage(
  browser: Browser,
  key: string,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  // Only on the very first document: later navigations keep what the app itself stored.
  await context.addInitScript(
    ({ key, locale }) => {
      if (sessionStorage.getItem("e2e.seeded") !== null) return;
      sessionStorage.setItem("e2e.seeded", "1");
      localStorage.setItem("starboard.apiKey", key);
      if (locale !== undefined) localStorage.setItem("starboard.locale", locale);
    },
    { key, locale: options.locale },
  );
  const page = await context.newPage();
  // Uncaught exceptions and console errors (a React hydration mismatch, a failed chunk) fail tests.
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

export function screenshotDir(): string {
  const report = process.env.STARBOARD_TEST_REPORT_DIR;
  const dir =
    report !== undefined && report !== "" ? join(report, "screenshots") : join(dashboardDir, ".screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir(), `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
