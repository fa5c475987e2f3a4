// The conventions a user meets first: `cba` alone, suggestions for a mistyped command or option,
// --version, unknown commands with --help, --quiet, shell completion and the man page.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cba, onPath } from '../helpers/cli';
import { ROOT } from '../helpers/contract';

// whether a program is installed, from PATH (a shell asked `command -v` for each: a process each)
const has = onPath;

describe('conventions', () => {
  it('`cba` alone prints a short overview on stdout and exits 0', async () => {
    const r = await cba([], { env: { COLUMNS: '80' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('cba salary --class IV --step 13');
    expect(r.stdout).toContain('cba <command> --help');
    expect(r.stdout.split('\n').length).toBeLessThan(25);
    for (const l of r.stdout.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('a mistyped command suggests the right one (exit 2)', async () => {
    const r = await cba(['salry', '--class', 'IV', '--step', '13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'salry'; did you mean salary\?/);
    expect(r.stdout).toBe('');
  });

  it('a mistyped option suggests the right one (exit 2)', async () => {
    const r = await cba(['salary', '--clas', 'IV', '--step', '13']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--clas'");
    expect(r.stderr).toContain('--class');
  });

  it('an unknown command with --help says it is unknown, exit 2 (not the program help)', async () => {
    const r = await cba(['payslip', '--help']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cba: unknown command 'payslip'/);
    expect(r.stdout).toBe('');
  });

  it('--version prints the package version', async () => {
    const r = await cba(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('-q/--quiet prints nothing but errors; the exit code still says what happened', async () => {
    const ok = await cba(['-q', 'salary', '--class', 'IV', '--step', '13']);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, '', '']);
    // a stipend found not eligible is a failed check: exit 1, silently
    const failed = await cba(['--quiet', 'stipend', 'ltvs', '--years', '22', '--class', 'V', '--rating', 'unsatisfactory']);
    expect([failed.code, failed.stdout]).toEqual([1, '']);
    const bad = await cba(['-q', 'salary', '--class', 'VII', '--step', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('cba completion', () => {
  it('bash: completes commands, options, and the ids of the rules', async () => {
    const script = await cba(['completion', 'bash']);
    expect(script.code).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'cba-completion-')), 'cba.bash');
    writeFileSync(file, script.stdout);
    // every completion below asked of one bash that sourced the script (one shell, not ten), each
    // with its own COMP_WORDS and an empty COMPREPLY, its answer on a line of its own
    const asked = [
      ['cba', 'sal'],
      ['cba', 'salary', '--cl'],
      ['cba', 'salary', '--class', ''],
      ['cba', 'salary', '--schedule', ''],
      ['cba', 'stipend', 'bil'],
      ['cba', 'salary', '--class', 'IV', '--stipend', 'head'],
      ['cba', 'deadline', 'griev'],
      ['cba', 'deadline', 'level1-'],
      ['cba', '--rules', 'x', 'rules', 'au'],
      ['cba', 'completion', ''],
    ];
    const prog = [`source '${file}'`, ...asked.map((words) => `COMPREPLY=(); COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _cba; echo "\${COMPREPLY[*]}"`)].join('\n');
    const r = spawnSync('bash', ['-c', prog], { encoding: 'utf8' });
    const answers = r.stdout.split('\n');
    const t = (...words: string[]) => {
      const i = asked.findIndex((a) => a.join('\0') === words.join('\0'));
      expect(r.stderr).toBe('');
      return answers[i].trim().split(/\s+/);
    };
    expect(t('cba', 'sal')).toEqual(['salary']);
    expect(t('cba', 'salary', '--cl')).toEqual(['--class']);
    expect(t('cba', 'salary', '--class', '')).toEqual(['A', 'I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(t('cba', 'salary', '--schedule', '')).toEqual(['basic', 'community-day', 'preschool']);
    expect(t('cba', 'stipend', 'bil')).toEqual(['bilingual']);
    expect(t('cba', 'salary', '--class', 'IV', '--stipend', 'head')).toEqual(['head-teacher', 'head-football-coach', 'head-coach']);
    expect(t('cba', 'deadline', 'griev')).toEqual(['grievance']);
    expect(t('cba', 'deadline', 'level1-')).toEqual(expect.arrayContaining(['level1-file', 'level1-decision']));
    expect(t('cba', '--rules', 'x', 'rules', 'au')).toEqual(['audit']);
    expect(t('cba', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('zsh and fish: the same commands and ids (syntax-checked when the shell is installed)', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await cba(['completion', shell]);
      expect(r.code).toBe(0);
      for (const word of ['salary', 'step-advance', '--class', 'bilingual', 'grievance', 'community-day']) expect(r.stdout).toContain(word);
      if (has(shell)) {
        const check = spawnSync(shell, ['-n'], { input: r.stdout, encoding: 'utf8' });
        expect(check.status, check.stderr).toBe(0);
      }
    }
    expect((await cba(['completion', 'zsh'])).stdout.startsWith('#compdef cba\n')).toBe(true);
  });

  it('an unknown shell is bad input naming the choices', async () => {
    const r = await cba(['completion', 'bsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give bash, zsh or fish \(did you mean bash\?\)/);
  });

  it('another agreement (--rules): the ids of its rules', async () => {
    const r = await cba(['--rules', join(ROOT, 'fixtures/rules/example-district'), 'completion', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('"A I II III IV V VI"');
  });
});

describe('cba man', () => {
  it('is a roff page with every command and its examples', async () => {
    const r = await cba(['man']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('.TH CBA 1')).toBe(true);
    for (const c of ['salary', 'stipend', 'deadline', 'rules audit', 'completion']) expect(r.stdout).toContain(`.SS cba ${c}`);
    expect(r.stdout).toContain('cba salary \\-\\-class IV \\-\\-step 13');
    if (has('groff')) {
      const g = spawnSync('groff', ['-man', '-Tutf8', '-ww'], { input: r.stdout, encoding: 'utf8' });
      expect(g.status).toBe(0);
    }
  });
});
