/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { InputError } from '@backstage/errors';
import { LineCounter, parseDocument, visit } from 'yaml';

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
  visit(doc, {
    Node(_key, node) {
      const tag = node.tag;
      if (!tag || DATA_TAGS.has(tag)) {
        return;
      }
      const line = node.range
        ? lineCounter.linePos(node.range[0]).line
        : undefined;
      problems.push(tagProblem(label, line, tag));
    },
  });
  return { config: doc.toJS({ maxAliasCount: 100 }), problems };
}
