/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { InputError } from '@backstage/errors';
import jsYaml from 'js-yaml';
import { isCollection, LineCounter, parseDocument, visit } from 'yaml';

const CORE_TAG_PREFIX = 'tag:yaml.org,2002:';
const PYTHON_TAG_PREFIX = `${CORE_TAG_PREFIX}python/`;
/**
 * The tags PyYAML's safe constructor knows: they only build plain data.
 * mkdocs loads mkdocs.yml with PyYAML's full loader, which also knows the
 * `!!python/...` tags (import and call any Python), plus MkDocs' own `!ENV`
 * (and `!relative` from MkDocs 1.5).
 */
const DATA_TAGS = new Set(
  [
    'str',
    'int',
    'float',
    'bool',
    'null',
    'map',
    'seq',
    'binary',
    'timestamp',
    'set',
    'omap',
    'pairs',
  ].map(t => `${CORE_TAG_PREFIX}${t}`),
);

/** A tag as it would be written in the file. */
function shortTag(tag: string): string {
  if (tag.startsWith(CORE_TAG_PREFIX)) {
    return `!!${tag.slice(CORE_TAG_PREFIX.length)}`;
  }
  return tag.startsWith('!') ? tag : `!<${tag}>`;
}

function tagProblem(
  label: string,
  line: number | undefined,
  tag: string,
): string {
  const where = `${label}${
    line === undefined ? '' : ` line ${line}`
  } uses the YAML tag ${shortTag(tag)}`;
  if (tag.startsWith(PYTHON_TAG_PREFIX)) {
    return `${where}; Python tags run code on the build server and are not allowed`;
  }
  if (tag === '!ENV') {
    return `${where}; it would copy the build server's environment variables into the docs and is not allowed`;
  }
  return `${where}; only plain YAML data is allowed (tags such as !ENV, !relative and !!python/... are not), write the value itself`;
}

/**
 * Parses an mkdocs configuration file as PyYAML (YAML 1.1) reads it, so the
 * guard checks the same settings mkdocs will use: merge keys (`<<: *base`)
 * are applied, and duplicate keys, which PyYAML silently resolves to the
 * last one, are refused as invalid. Returns the data and a problem for every
 * tag that is not plain data.
 */
export function readMkdocsYaml(
  text: string,
  label: string,
): { config: unknown; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    version: '1.1',
    // Collection keys are reported as problems below, not as a Node warning.
    logLevel: 'error',
  });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line } = lineCounter.linePos(err.pos[0]);
    throw new InputError(
      `${label} is not valid YAML (line ${line}): ${
        err.message.split('\n')[0]
      }`,
    );
  }

  const problems: string[] = [];
  const lineOf = (node: { range?: [number, number, number] | null }) =>
    node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  visit(doc, {
    Pair(_key, pair) {
      // js-yaml, which the stock generator rewrites mkdocs.yml with, turns
      // `? [hooks]` into the key `hooks`; this parser into `[ hooks ]`.
      if (isCollection(pair.key)) {
        const line = lineOf(pair.key);
        problems.push(
          `${label}${
            line === undefined ? '' : ` line ${line}`
          } uses a list or mapping as a key; YAML parsers read such keys differently, write the key as plain text`,
        );
      }
    },
    Node(_key, node) {
      const tag = node.tag;
      if (!tag || DATA_TAGS.has(tag)) {
        return;
      }
      problems.push(tagProblem(label, lineOf(node), tag));
    },
  });
  return { config: doc.toJS({ maxAliasCount: 100 }), problems };
}

/**
 * The same file as the stock generator reads it before it rewrites
 * mkdocs.yml for mkdocs (js-yaml, YAML 1.2). The guard checks this reading
 * too, so a document that two YAML parsers read differently cannot hide a
 * setting from the guard. Undefined when js-yaml cannot read it: then the
 * stock generator stops before mkdocs runs.
 */
export function readAsStockGenerator(text: string): unknown {
  try {
    return jsYaml.load(text, { json: false });
  } catch {
    return undefined;
  }
}
