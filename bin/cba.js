#!/usr/bin/env node
// The installed command: runs the compiled bundle (built by `npm install` / `npm run build`).
import('../dist/cli.js').catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli.js')) {
    process.stderr.write('cba: the compiled CLI is missing; run `npm install` (or `npm run build`) in the cba folder first\n');
    process.exitCode = 2;
  } else throw e;
});
