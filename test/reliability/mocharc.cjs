// Mocha settings of `npm run test:reliability`: the repo's .mocharc.json (tsx loader, UIs, timeout)
// with this suite's own spec (a --spec on the command line would be added to the unit spec, not
// replace it). Longer timeout: the cases wait on real HTTP, retries and a 2-core machine.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const base = JSON.parse(readFileSync(join(__dirname, '..', '..', '.mocharc.json'), 'utf8'));
module.exports = { ...base, spec: ['test/reliability/**/*.test.ts'], timeout: Math.max(base.timeout ?? 0, 60000) };
