#!/usr/bin/env node
// The installed command. It runs the compiled CommonJS bundle of the command named (dist/cmd/<name>.cjs,
// the CLI with that one command), else the whole CLI (dist/cli.cjs), and on demand the bundles under
// dist/lazy/, through a V8 code cache kept in the user's cache folder
// ($XDG_CACHE_HOME/cba or ~/.cache/cba; never in the package), so a start skips parsing and
// compiling. Each command (and output kind: salary, salary-json, rules-cite, ...) has its own cache,
// written after its first successful run, so it holds exactly the functions that command runs. A
// cache is keyed on the bundle's path, the build stamp on its first line (a hash of its text; its
// size and modification time if it has none) and Node's version, and is rewritten whenever V8
// rejects it. Writing one also removes the caches of bundles that are gone or rebuilt (the folder
// would otherwise grow with every build and every copy of the package; in a folder of more than 64
// files, at most once an hour: see sweep). Any failure of the cache (a
// read-only home, a full disk) only costs the compile. CBA_NO_CODE_CACHE=1 turns it off.
'use strict';
// Node's modules through process.getBuiltinModule, here and for the bundles: require() makes an ES
// module facade of each at its first load and copies every export into it at each call (node:fs has
// a hundred), a cost of every start-up
const fs = process.getBuiltinModule('fs');
const path = process.getBuiltinModule('path');
const vm = process.getBuiltinModule('vm');
const requireBuiltin = (id) => process.getBuiltinModule(id) ?? require(id);

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
// which bundle: the command's own (dist/cmd/<command>.cjs), when the words name one; and which cache:
// the command (with the subcommand of rules) and the output kind, as the words say
let command;
const mode = (() => {
  const a = process.argv;
  const words = [];
  let kind = '';
  for (let i = 2; i < a.length; i++) {
    const w = a[i];
    if (w === '--') break;
    if (w === '--rules' || w === '--agreement') i++;
    else if (w === '--json' || w === '--csv') kind = w.slice(2);
    else if (w === '--help' || w === '-h') kind = 'help';
    else if (w[0] !== '-' && words.length < 2) words.push(w);
  }
  if (words.length && isName(words[0])) command = words[0];
  const name = words.length === 0 ? 'cba' : words[0] === 'rules' && words.length > 1 ? `rules-${words[1]}` : words[0];
  return isName(name) ? (kind ? `${name}-${kind}` : name) : 'other';
})();
/** /^[a-z][a-z-]{0,40}$/, without a regular expression (V8 compiles each one at its first use). */
function isName(s) {
  if (s.length < 1 || s.length > 41) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c === 45 && i > 0))) return false;
  }
  return true;
}
const STAMP = '//cba-build:';
const BUNDLE_HEAD = '(function (exports, require, module, __filename, __dirname, __cbaMeta, __cbaLazy) {';
/** The bundle's identity: the build stamp on its first line, else its size and modification time. */
function identity(file, source) {
  if (source.startsWith(STAMP)) return source.slice(0, source.indexOf('\n'));
  const st = fs.statSync(file);
  return `${st.size}\0${st.mtimeMs}`;
}
const pending = [];
/** A file's bytes, read with the calls a start makes anyway (fs.readFileSync without an encoding
 *  compiles a dozen of Node's functions, and Buffer's methods as many again, at every start). The same
 *  as readFileBytes of src/core/file-bytes.ts, which the bundle uses: the bin cannot import it (it reads
 *  the code cache before any bundle is loaded, and a module more would cost every start its loading). */
function readBytes(file) {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = new Uint8Array(fs.fstatSync(fd).size + 1);
    let n = 0;
    for (let r; (r = fs.readSync(fd, buf, n, buf.length - n, null)) > 0; ) {
      n += r;
      if (n === buf.length) {
        const more = new Uint8Array(buf.length * 2);
        more.set(buf);
        buf = more;
      }
    }
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
/** The code cache after its key (the first line), or undefined when the key is another's. */
function afterKey(bytes, key) {
  let k = key.length;
  for (let i = 0; i < key.length && k !== -1; i++) if (key.charCodeAt(i) > 0x7f) k = -1;
  if (k === -1) {
    // a path beyond ASCII: its key in UTF-8
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    k = Buffer.byteLength(key);
    return b.length > k && b.toString('utf8', 0, k) === key ? bytes.subarray(k) : undefined;
  }
  if (bytes.length <= k) return undefined;
  for (let i = 0; i < k; i++) if (bytes[i] !== key.charCodeAt(i)) return undefined;
  return bytes.subarray(k);
}
function load(file, orElse) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT' && orElse) return load(orElse);
    if (e.code === 'ENOENT') {
      process.stderr.write('cba: the compiled CLI is missing; run `npm install` (or `npm run build`) in the cba folder first\n');
      process.exit(2);
    }
    throw e;
  }
  // the build writes each bundle as the function it is run as (scripts/build.mjs, BUNDLE_HEAD): the
  // text read is the script compiled; a bundle without it (an older build) is wrapped here
  const wrapped = source.startsWith(BUNDLE_HEAD, source.indexOf('\n') + 1) ? source : BUNDLE_HEAD + source + '\n})';
  let cachedData, cacheFile, key;
  if (useCache && folder()) {
    try {
      key = `${file}\0${identity(file, source)}\0${process.version}\0${process.arch}\n`;
      cacheFile = path.join(folder(), `${path.basename(file, '.cjs')}-${mode}-${tag(file)}-${process.version}.v8`);
      cachedData = afterKey(readBytes(cacheFile), key);
    } catch {
      // no cache yet
    }
  }
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) pending.push({ script, cacheFile, key });
  const fn = script.runInThisContext();
  const m = { exports: {} };
  // import.meta.url, made only when read (making it loads Node's URL code)
  const meta = {
    get url() {
      return process.getBuiltinModule('url').pathToFileURL(file).href;
    },
  };
  fn.call(m.exports, m.exports, requireBuiltin, m, file, path.dirname(file), meta, lazy);
  return m.exports;
}
const lazies = Object.create(null);
function lazy(name) {
  return (lazies[name] ??= load(path.join(dist, 'lazy', `${name}.cjs`)));
}
// After the command has run, so the cache holds the functions it compiled on the way; only after a
// run that answered (exit 0 or 1): a mistyped command or bad input leaves no cache behind.
process.on('exit', (code) => {
  if (!pending.length || (code !== 0 && code !== 1)) return;
  try {
    fs.mkdirSync(folder(), { recursive: true });
  } catch {
    return;
  }
  const written = new Set();
  for (const p of pending) {
    try {
      const tmp = `${p.cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, Buffer.concat([Buffer.from(p.key), p.script.createCachedData()]));
      fs.renameSync(tmp, p.cacheFile);
      written.add(path.basename(p.cacheFile));
    } catch {
      // a cache that cannot be written only costs the compile next time
    }
  }
  if (written.size) sweep(written);
});

/** Remove the caches of bundles that are gone or rebuilt (a code cache names its bundle and stamp on
 *  its first line; a rules cache its package folder) and temporary files left by a killed run. */
const SWEEP_FREE = 64;
function sweep(keep) {
  let names;
  try {
    names = fs.readdirSync(folder());
  } catch {
    return;
  }
  const now = Date.now();
  // a folder of many caches (several installs or worktrees share ~/.cache/cba) is swept at most once
  // an hour: reading the head of each of 500 files cost a run that writes a cache 40-60 ms. A rebuilt
  // bundle's cache has the name of the one it replaces, so what waits for the sweep is only what
  // removed copies, bundles and Node versions left behind
  if (names.length > SWEEP_FREE) {
    const mark = path.join(folder(), 'swept');
    try {
      if (now - fs.statSync(mark).mtimeMs < 3600e3) return;
    } catch {
      // never swept
    }
    try {
      fs.writeFileSync(mark, '');
    } catch {
      return;
    }
  }
  const current = new Map();
  const stampOf = (file) => {
    if (!current.has(file)) {
      let id = null;
      try {
        const head = Buffer.alloc(128);
        const fd = fs.openSync(file, 'r');
        try {
          const n = fs.readSync(fd, head, 0, 128, 0);
          id = identity(file, head.toString('utf8', 0, n));
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        // gone
      }
      current.set(file, id);
    }
    return current.get(file);
  };
  for (const name of names) {
    if (keep.has(name)) continue;
    const abs = path.join(folder(), name);
    try {
      if (name.endsWith('.tmp')) {
        if (now - fs.statSync(abs).mtimeMs > 3600e3) fs.unlinkSync(abs);
        continue;
      }
      const isCode = name.endsWith('.v8');
      if (!isCode && !/^rules-.*\.json$/.test(name)) continue;
      const head = Buffer.alloc(4096);
      const fd = fs.openSync(abs, 'r');
      let text;
      try {
        text = head.toString('utf8', 0, fs.readSync(fd, head, 0, head.length, 0));
      } finally {
        fs.closeSync(fd);
      }
      let stale;
      if (isCode) {
        const fields = text.slice(0, text.indexOf('\n')).split('\0');
        if (fields.length === 4) stale = stampOf(fields[0]) !== fields[1];
        else if (fields.length === 5) {
          // a cache of an older cba: path, size, modification time
          let st;
          try {
            st = fs.statSync(fields[0]);
          } catch {
            // gone
          }
          stale = !st || `${st.size}` !== fields[1] || `${st.mtimeMs}` !== fields[2];
        } else continue;
      } else {
        const m = /^\{"package":("(?:[^"\\]|\\.)*")/.exec(text);
        if (!m) continue;
        stale = !fs.existsSync(path.join(JSON.parse(m[1]), 'package.json'));
      }
      if (stale) fs.unlinkSync(abs);
    } catch {
      // being written or removed by another run
    }
  }
}
if (command) load(path.join(dist, 'cmd', `${command}.cjs`), path.join(dist, 'cli.cjs'));
else load(path.join(dist, 'cli.cjs'));
