// Generates a synthetic roster CSV for the benchmark: node scripts/gen-roster.mjs <rows> <file>
import { createWriteStream } from 'node:fs';
const n = Number(process.argv[2] ?? 1000000);
const out = createWriteStream(process.argv[3] ?? 'roster.csv');
const classes = { A: 5, I: 8, II: 13, III: 13, IV: 13, V: 13, VI: 13 };
const names = Object.keys(classes);
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const basic = [35450, 37399, 41651, 43777, 46443, 48564, 50999];
let buf = 'id,name,schedule,class,step,days,fte,stipends,paid,period\n';
for (let i = 0; i < n; i++) {
  const c = names[Math.floor(rnd() * names.length)];
  const step = 1 + Math.floor(rnd() * classes[c]);
  const days = rnd() < 0.2 ? String(191 + Math.floor(rnd() * 35)) : '';
  const fte = rnd() < 0.1 ? '0.5' : '';
  const st = rnd() < 0.1 ? 'bilingual' : rnd() < 0.05 ? 'ltvs:2 head-teacher' : '';
  const paid = (basic[names.indexOf(c)] + step * 1900 + Math.floor(rnd() * 100) / 100).toFixed(2);
  buf += `E${i},"Member ${i}",basic,${c},${step},${days},${fte},${st},${paid},annual\n`;
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  }
}
out.end(buf);
