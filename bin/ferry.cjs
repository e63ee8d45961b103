#!/usr/bin/env node
// The `ferry` command: the headless CLI over the same backend as the app.
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('ferry: not built yet. Run `npm install` (or `npm run build`) in the Ferry folder first.\n');
  process.exit(2);
}
require(cli);
