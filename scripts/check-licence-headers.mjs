#!/usr/bin/env node
/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Every source file of ours starts with the licence header. Lists the files
// git tracks (and new ones it does not ignore) that lack it; exits 1 if any.
//
//   node scripts/check-licence-headers.mjs         check
//   node scripts/check-licence-headers.mjs --fix   add the header where it is missing

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
);
const fix = process.argv.includes('--fix');

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|py)$/;
// Not ours to license: the vendored yarn release; the template skeleton, which
// becomes the code of each generated service (its team's licence); and the
// GitHub stand-in's fixture repositories, which play other teams' services
// (their first commit's sha is fixed by their content).
const NOT_OURS = [
  /^\.yarn\//,
  /^templates\/[^/]+\/skeleton\//,
  /^stand-ins\/github\/fixtures\/repos\//,
];
const MARK = 'SPDX-License-Identifier: Apache-2.0';

const header = file =>
  file.endsWith('.py')
    ? '# Copyright 2026 The Launchpad Authors\n# SPDX-License-Identifier: Apache-2.0\n'
    : '/*\n * Copyright 2026 The Launchpad Authors\n * SPDX-License-Identifier: Apache-2.0\n */\n';

const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard'],
  { cwd: root, encoding: 'utf8' },
)
  .split('\n')
  .filter(f => SOURCE.test(f) && !NOT_OURS.some(re => re.test(f)))
  .filter(f => fs.existsSync(path.join(root, f)));

const missing = [];
for (const file of files) {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  // The header sits at the top, after a shebang line if there is one.
  if (
    text
      .split('\n')
      .slice(0, 6)
      .some(line => line.includes(MARK))
  )
    continue;
  missing.push(file);
  if (fix) {
    const shebang = text.startsWith('#!')
      ? `${text.slice(0, text.indexOf('\n') + 1)}`
      : '';
    fs.writeFileSync(
      full,
      `${shebang}${header(file)}${text.slice(shebang.length)}`,
    );
  }
}

if (missing.length === 0) {
  console.log(`Licence headers: all ${files.length} source files have one.`);
} else if (fix) {
  console.log(
    `Licence headers: added to ${missing.length} files:\n  ${missing.join(
      '\n  ',
    )}`,
  );
} else {
  console.error(
    `Licence headers: ${missing.length} of ${files.length} source files lack one ` +
      `(node scripts/check-licence-headers.mjs --fix adds it):\n  ${missing.join(
        '\n  ',
      )}`,
  );
  process.exit(1);
}
