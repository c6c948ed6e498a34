/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// `yarn deploy:tenancy`: writes deploy/tenancy/ from launchpad.tenancy in the
// production config stack (app-config.yaml + app-config.production.yaml): the
// locked `default` AppProject and one AppProject per team (argocd/), the
// portal's Argo CD account and least-privilege RBAC policy for those projects
// and its own Application (argocd-rbac/, from deploy/argocd/application.yaml),
// and per cluster the teams' namespaces with the portal's read-only
// RoleBindings (clusters/<name>/). `--check` only compares and exits 1 on a difference
// (packages/e2e-tests/src/deploy/tenancy.test.ts does the same).
import fs from 'node:fs';
import path from 'node:path';
import {
  loadTenancyFromFiles,
  readPortalApplication,
  tenancyDeployFiles,
} from '../plugins/launchpad-tenancy-node/src';

const root = path.resolve(__dirname, '..');
const SOURCES = ['app-config.yaml', 'app-config.production.yaml'];
const PORTAL_APPLICATION = 'deploy/argocd/application.yaml';
const target = path.join(root, 'deploy/tenancy');

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(e =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), path.join(prefix, e.name))
        : [path.join(prefix, e.name)],
    );
}

// Literal values only: no environment, so the result is the same everywhere.
const tenancy = loadTenancyFromFiles(
  SOURCES.map(f => path.join(root, f)),
  {},
);
if (!tenancy) {
  process.stderr.write(
    `launchpad.tenancy is missing in ${SOURCES.join(' + ')}\n`,
  );
  process.exit(1);
}
const files = tenancyDeployFiles(tenancy, SOURCES, {
  portalApplication: readPortalApplication(path.join(root, PORTAL_APPLICATION)),
});
const existing = listFiles(target).filter(f => f !== 'README.md');

if (process.argv.includes('--check')) {
  const stale = [
    ...Object.entries(files)
      .filter(
        ([file, text]) =>
          !fs.existsSync(path.join(target, file)) ||
          fs.readFileSync(path.join(target, file), 'utf8') !== text,
      )
      .map(([file]) => file),
    ...existing.filter(f => !(f in files)),
  ];
  if (stale.length) {
    process.stderr.write(
      `deploy/tenancy/ does not match launchpad.tenancy (${stale.join(
        ', ',
      )}): run yarn deploy:tenancy\n`,
    );
    process.exit(1);
  }
  process.stdout.write('deploy/tenancy/ matches launchpad.tenancy\n');
} else {
  for (const file of existing.filter(f => !(f in files))) {
    fs.rmSync(path.join(target, file));
  }
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.writeFileSync(path.join(target, file), text);
  }
  process.stdout.write(
    `wrote ${
      Object.keys(files).length
    } files to deploy/tenancy/ for ${tenancy.teams
      .map(t => t.group)
      .join(', ')}\n`,
  );
}
