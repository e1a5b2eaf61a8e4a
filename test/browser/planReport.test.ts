/**
 * The prod plan's HTML report in a real browser: written by the command itself (what
 * `npm run -s plan -- --stack prod --format html > report.html` prints), opened from a temp file in
 * Debian's headless chromium driven by puppeteer-core, and read back: no console or page errors, no
 * request but the file itself, every chart drawn with a size, the totals equal to the plan
 * document's (test/golden/plan-prod.json, which the golden unit test keeps equal to a fresh plan).
 * A full-page screenshot lands in coverage/.
 *
 * puppeteer-core is on its 24.x line: 25.x ships only ES modules, which jest's CommonJS module
 * system cannot load.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";
import puppeteer, { Browser, Page } from "puppeteer-core";
import { runCommand } from "../../lib/commands/cli";
import { planCommand } from "../../lib/commands/plan/planCommand";
import type { PlanDocument } from "../../lib/commands/plan/planDocument";
import { PROJECT_DIR } from "../../lib/commands/schema";
import { dollars, percent } from "../../lib/format";

/** Debian's chromium, or another Chromium-based browser named by CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOT = join(PROJECT_DIR, "coverage", "plan-report.png");

describe("GIVEN the prod plan written as HTML and opened in headless chromium", () => {
  let browser: Browser;
  let page: Page;
  let document: PlanDocument;
  let dir: string;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  let fileUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: the browser test needs Debian's chromium (apt-get install chromium)`);
    }
    document = JSON.parse(readFileSync(join(PROJECT_DIR, "test", "golden", "plan-prod.json"), "utf8"));
    const stdout: string[] = [];
    const code = await runCommand(planCommand, ["--stack", "prod", "--format", "html"], {
      out: (text) => void stdout.push(text),
      err: () => undefined,
    });
    expect([code, stdout.length]).toEqual([0, 1]);
    dir = mkdtempSync(join(tmpdir(), "plan-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, stdout[0]);
    fileUrl = pathToFileURL(file).href;
    browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
    page = await browser.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      requests.push(request.url());
      // Only the report itself may load: anything else would need the network at view time.
      if (request.url() === fileUrl) void request.continue();
      else void request.abort();
    });
    await page.goto(fileUrl, { waitUntil: "load" });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("WHEN loaded THEN there is no console error, no page error and no request but the file itself", () => {
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it("WHEN the charts are measured THEN there is one figure per chart, each with a drawn SVG of non-zero size", async () => {
    const figures = await page.$$eval("figure.chart", (all) =>
      all.map((figure) => {
        const svg = figure.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return { chart: figure.getAttribute("data-chart"), drawn: !!box && box.width > 0 && box.height > 0 };
      }),
    );
    expect(figures).toEqual(
      ["cost-by-component", "savings-waterfall", "hourly-week", ...document.slo.scenarios.map((s) => `scenario-${s.name}`)].map(
        (chart) => ({ chart, drawn: true }),
      ),
    );
  });

  it("WHEN the totals are read from their hooks THEN they equal the plan document's", async () => {
    const read = (selector: string) => page.$eval(selector, (element) => element.textContent);
    expect({
      baseline: await read('[data-total="baseline"]'),
      optimized: await read('[data-total="optimized"]'),
      savings: await read('[data-total="savings"]'),
      percent: await read("[data-savings-percent]"),
    }).toEqual({
      baseline: dollars(document.cost.baseline.monthlyUsd),
      optimized: dollars(document.cost.optimized.monthlyUsd),
      savings: dollars(document.cost.savingsUsd),
      percent: percent(document.cost.savingsPercent),
    });
  });

  it("WHEN a full-page screenshot is taken THEN it is saved as coverage/plan-report.png", async () => {
    mkdirSync(join(PROJECT_DIR, "coverage"), { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // THEN a fresh PNG of the whole page: the signature, and taller than the viewport (the page scrolls)
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1100);
    expect(png.readUInt32BE(20)).toBeGreaterThan(900);
  });
});
