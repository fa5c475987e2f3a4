#!/usr/bin/env node
// The installed command. It runs the compiled CommonJS bundle dist/cli.cjs (and, on demand, the
// bundles under dist/lazy/) through a V8 code cache kept in the user's cache folder
// ($XDG_CACHE_HOME/cba or ~/.cache/cba; never in the package), so a start skips parsing and
// compiling: the cache is keyed on the bundle's path, size and modification time and Node's
// version, written after the first run, and rewritten whenever V8 rejects it. Any failure of the
// cache (a read-only home, a full disk) only costs the compile. CBA_NO_CODE_CACHE=1 turns it off.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const dist = path.join(__dirname, '..', 'dist');
const useCache = !process.env.CBA_NO_CODE_CACHE;
let cacheDir;
function folder() {
  if (cacheDir === undefined) {
    const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? path.join(process.env.HOME, '.cache') : '');
    cacheDir = base && path.isAbsolute(base) ? path.join(base, 'cba') : '';
  }
  return cacheDir;
}
// a short name for the bundle's path, so two installs do not overwrite each other's cache
function tag(s) {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h * 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}
const pending = [];
function load(file) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') {
      process.stderr.write('cba: the compiled CLI is missing; run `npm install` (or `npm run build`) in the cba folder first\n');
      process.exit(2);
    }
    throw e;
  }
  const wrapped = '(function (exports, require, module, __filename, __dirname, __cbaUrl, __cbaLazy) {' + source + '\n})';
  let cachedData, cacheFile, key;
  if (useCache && folder()) {
    try {
      const st = fs.statSync(file);
      key = `${file}\0${st.size}\0${st.mtimeMs}\0${process.version}\0${process.arch}\n`;
      cacheFile = path.join(folder(), `${path.basename(file, '.cjs')}-${tag(file)}-${process.version}.v8`);
      const buf = fs.readFileSync(cacheFile);
      const k = Buffer.byteLength(key);
      if (buf.length > k && buf.toString('utf8', 0, k) === key) cachedData = buf.subarray(k);
    } catch {
      // no cache yet
    }
  }
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) pending.push({ script, cacheFile, key });
  const fn = script.runInThisContext();
  const m = { exports: {} };
  fn.call(m.exports, m.exports, require, m, file, path.dirname(file), require('url').pathToFileURL(file).href, lazy);
  return m.exports;
}
const lazies = Object.create(null);
function lazy(name) {
  return (lazies[name] ??= load(path.join(dist, 'lazy', `${name}.cjs`)));
}
// After the command has run, so the cache holds the functions it compiled on the way.
process.once('exit', () => {
  for (const p of pending) {
    try {
      fs.mkdirSync(path.dirname(p.cacheFile), { recursive: true });
      const tmp = `${p.cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(p.key), p.script.createCachedData()]));
      fs.renameSync(tmp, p.cacheFile);
    } catch {
      // a cache that cannot be written only costs the compile next time
    }
  }
});
load(path.join(dist, 'cli.cjs'));
