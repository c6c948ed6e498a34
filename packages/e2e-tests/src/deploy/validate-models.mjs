/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Validates Kubernetes objects with the `kubernetes-models` family of packages
// (JSON schemas of the Kubernetes API, Argo CD, External Secrets and the
// Prometheus Operator).
// Those packages are ES modules only, which Jest's CommonJS runtime cannot
// load, so schemas.ts runs this file in a plain Node.js child process:
//   stdin:  JSON array of objects
//   stdout: JSON array of { ref, ok, message } in the same order

const PACKAGES = {
  'argoproj.io': '@kubernetes-models/argo-cd',
  'external-secrets.io': '@kubernetes-models/external-secrets',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

function modelModule(apiVersion, kind) {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const pkg = PACKAGES[group] ?? 'kubernetes-models';
  return group
    ? `${pkg}/${group}/${version}/${kind}`
    : `${pkg}/${version}/${kind}`;
}

async function validate(object) {
  const { apiVersion, kind } = object ?? {};
  const ref = `${kind}/${object?.metadata?.name} (${apiVersion})`;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return { ref, ok: false, message: 'apiVersion and kind are required' };
  }
  let Model;
  try {
    Model = (await import(modelModule(apiVersion, kind)))[kind];
  } catch (error) {
    return {
      ref,
      ok: false,
      message: `no schema for ${apiVersion} ${kind}: ${error.message}`,
    };
  }
  if (typeof Model !== 'function') {
    return {
      ref,
      ok: false,
      message: `no model class ${kind} for ${apiVersion}`,
    };
  }
  try {
    new Model(object).validate();
    return { ref, ok: true, message: '' };
  } catch (error) {
    return { ref, ok: false, message: error.message };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const objects = JSON.parse(input);
const results = [];
for (const object of objects) results.push(await validate(object));
process.stdout.write(JSON.stringify(results));
