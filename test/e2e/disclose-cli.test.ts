// cba disclose: the hand-worked proposal to the cent (as cba cost prices it), CSV, bad input, and the
// HTML page opened in headless Chromium (Debian's chromium-headless-shell, which .ci/run installs, or
// else the full chromium): the totals the page shows equal the JSON's, nothing is fetched, and it
// prints on letter paper.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withPage } from '../helpers/chromium';
import { cba, json } from '../helpers/cli';

const A = 'fixtures/bargain/proposal-a.yaml';
const B = 'fixtures/bargain/proposal-b.yaml';
const R3 = 'fixtures/bargain/roster3.csv';
// The headless shell is Chromium's own renderer and printing without the desktop browser around them
// (no GPU process, no extensions, no profile services): half the CPU of the full browser for this
// page (1.35 s against 2.5 s a launch, page, screenshot and PDF; perf stat). The full browser where
// only it is installed.
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium';

describe('cba disclose', () => {
  it('the hand-worked proposal: lines that add up, totals equal to cba cost --scenario', async () => {
    const d = json(await cba(['disclose', '--roster', R3, '--scenario', A, '--json']));
    const c = json(await cba(['cost', '--roster', R3, '--scenario', A, '--json']));
    expect(d.scenarios[1].years.map((y: any) => y.scenarioTotal)).toEqual(c.scenarios[1].years.map((y: any) => y.total));
    expect(d.scenarios[1].years.map((y: any) => y.scenarioTotal)).toEqual([177259.95, 193471.36, 200174.62]);
    const y2 = d.scenarios[1].years[1];
    // schedule change: (72,213 - 70,797) + (61,220.50 - 60,020) + (30,512.20 - 29,914) = 3,214.70
    expect(y2.scheduleChange).toBe(3214.7);
    // step and column: the status quo's pay in year 2 (163,492.96) less year 1's (151,950.96)
    expect(y2.stepAndColumn).toBe(11542);
    // bilingual (1,083.20 - 1,061.96) = 21.24
    expect(y2.otherCompensation).toBe(21.24);
    // total: 193,471.36 - 177,259.95 = 16,211.41, and 16,211.41 / 177,259.95 = 9.1455...%
    expect(y2.total).toBe(16211.41);
    expect(y2.percentChange).toBe(9.15);
    const sum = Math.round((y2.scheduleChange + y2.stepAndColumn + y2.otherCompensation + y2.statutoryBenefits + y2.healthAndWelfare) * 100);
    expect(sum).toBe(Math.round(y2.total * 100));
    expect(d.base.total).toBe(177259.95);
  });

  it('--csv: a line per scenario and disclosure line, a column per year', async () => {
    const r = await cba(['disclose', '--roster', R3, '--scenario', A, '--csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('scenario,line,2005-06,2006-07,2007-08');
    expect(lines).toContain('"Proposal A (4% mid-year, new step V-14)",total,0.00,16211.41,22914.67');
  });

  it('bad input: a scenario for another agreement is one line, exit 2', async () => {
    const r = await cba(['disclose', '--roster', R3, '--scenario', 'fixtures/bargain/bad/other-agreement.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.skipIf(!existsSync(CHROMIUM))('the HTML page in headless Chromium: totals equal the JSON, self-contained, prints on letter paper', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cba-disclose-'));
    const html = join(dir, 'disclosure.html');
    const args = ['disclose', '--roster', R3, '--scenario', A, '--scenario', B, '--rates', 'fixtures/bargain/county-rates.yaml'];
    const r = await cba([...args, '--html', html, '--json']);
    expect(r.code).toBe(0);
    const j = json(r);
    const url = pathToFileURL(html).href;
    await withPage(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], url, { width: 816, height: 1056 }, async (page) => {
      const shown = await page.evaluate<{ scenario: number; line: string; year: string; text: string }[]>(`[...document.querySelectorAll('table[data-scenario] td[data-line]')].map((td) => ({
        scenario: Number(td.closest('table').getAttribute('data-scenario')), line: td.getAttribute('data-line'), year: td.getAttribute('data-year'), text: td.textContent }))`);
      const num = (t: string) => Number(t.replace(/[,%]/g, ''));
      expect(shown.length).toBe(3 * 3 * 9); // 3 scenarios x 3 years x 9 lines with figures
      for (const s of shown) {
        const y = j.scenarios[s.scenario].years.find((x: any) => x.year === s.year);
        expect([s.scenario, s.line, s.year, num(s.text)]).toEqual([s.scenario, s.line, s.year, y[s.line]]);
      }
      expect(num((await page.evaluate<string | null>(`document.querySelector('[data-line="base"]')?.textContent ?? null`)) ?? '')).toBe(j.base.total);
      expect(await page.evaluate<number>(`document.querySelectorAll('svg rect').length`)).toBe(9); // a bar per scenario and year
      expect(page.requests).toEqual([url]); // nothing fetched but the page itself
      const shot = join(dir, 'disclosure.png');
      writeFileSync(shot, await page.screenshot());
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      const pdf = await page.pdf({ width: 8.5, height: 11 }); // letter paper
      writeFileSync(join(dir, 'disclosure.pdf'), pdf);
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text).toMatch(/\/MediaBox \[0 0 612 792\]/); // 8.5 x 11 in at 72 points an inch
      if (process.env.CBA_KEEP_DISCLOSURE) writeFileSync(process.env.CBA_KEEP_DISCLOSURE, dir);
    });
  }, 60_000);
});
