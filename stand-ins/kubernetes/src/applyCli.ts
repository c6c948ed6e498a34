/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
/*
 * `yarn workspace @internal/kubernetes-stand-in apply <dir-or-file> [--source NAME] [--namespace NS] [--prune]`
 * Renders the manifests (kubectl kustomize for a kustomization folder) and
 * sends them to a running stand-in's POST /_standin/apply.
 * `... apply --delete-source NAME` removes what was applied under NAME.
 */

/* eslint-disable no-console */

import path from 'node:path';
import { renderManifests } from './manifests';
import { optionsFromEnv } from './options';
import { findRepoRoot } from '@internal/test-support';

export interface ApplyCliArgs {
  target?: string;
  source?: string;
  namespace?: string;
  prune: boolean;
  deleteSource?: string;
}

export function parseArgs(argv: string[]): ApplyCliArgs {
  const args: ApplyCliArgs = { prune: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--source') args.source = value();
    else if (a === '--namespace' || a === '-n') args.namespace = value();
    else if (a === '--prune') args.prune = true;
    else if (a === '--delete-source') args.deleteSource = value();
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (args.target)
      throw new Error(`only one path is accepted, got ${args.target} and ${a}`);
    else args.target = a;
  }
  if (!args.target && !args.deleteSource) {
    throw new Error(
      'usage: apply <dir-or-file> [--source NAME] [--namespace NS] [--prune] | apply --delete-source NAME',
    );
  }
  return args;
}

/** Runs the command against the stand-in at `url`; returns the lines to print. */
export async function runApplyCli(
  argv: string[],
  opts: { url: string; token: string; cwd: string },
): Promise<string[]> {
  const args = parseArgs(argv);
  const headers = {
    authorization: `Bearer ${opts.token}`,
    'content-type': 'application/json',
  };
  const call = async (method: string, p: string, body?: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${opts.url}${p}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error: any) {
      const cause = error?.cause;
      const reason =
        cause?.code ??
        cause?.errors?.[0]?.code ??
        cause?.message ??
        error?.message;
      throw new Error(
        `cannot reach the Kubernetes stand-in at ${opts.url} (${reason}); start it with: yarn workspace @internal/kubernetes-stand-in start`,
      );
    }
    const json: any = await res.json().catch(() => ({}));
    if (!res.ok) {
      throw new Error(
        `the stand-in refused: ${res.status} ${json.message ?? ''}`.trim(),
      );
    }
    return json;
  };
  if (args.deleteSource) {
    const { deleted } = await call(
      'DELETE',
      `/_standin/sources/${encodeURIComponent(args.deleteSource)}`,
    );
    return [
      `deleted ${deleted} object(s) applied under "${args.deleteSource}"`,
    ];
  }
  const target = path.resolve(opts.cwd, args.target!);
  const objects = await renderManifests(target);
  const { applied } = await call('POST', '/_standin/apply', {
    objects,
    source: args.source,
    namespace: args.namespace,
    prune: args.prune,
  });
  return applied.map(
    (o: any) =>
      `${o.kind.toLowerCase()}/${o.name}${
        o.namespace ? ` (namespace ${o.namespace})` : ''
      } applied`,
  );
}

if (require.main === module) {
  const options = optionsFromEnv();
  const url =
    process.env.K8S_STANDIN_URL ??
    `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${
      options.port
    }`;
  runApplyCli(process.argv.slice(2), {
    url,
    token: options.token,
    // `yarn workspace ... apply` runs in the package folder and yarn 4 does not
    // tell where the user ran it, so relative paths are taken from the repo root.
    cwd: findRepoRoot(),
  })
    .then(lines => lines.forEach(l => console.log(l)))
    .catch(error => {
      console.error(`apply failed: ${error.message}`);
      process.exit(1);
    });
}
