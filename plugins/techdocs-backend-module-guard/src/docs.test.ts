/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS,
  NEVER_ALLOWED_MARKDOWN_EXTENSIONS,
} from './markdownExtensions';
import { DEFAULT_ALLOWED_PLUGINS, NEVER_ALLOWED_PLUGINS } from './plugins';

// The README and config.d.ts say which plugins and extensions are allowed;
// they must say what the code does.
const read = (file: string) =>
  fs.readFileSync(path.resolve(__dirname, '..', file), 'utf8');

describe('the documented allow lists', () => {
  const readme = read('README.md');
  const configSchema = read('config.d.ts');
  const section = (start: string, end: string) =>
    readme.slice(readme.indexOf(start), readme.indexOf(end));
  const allowedSection = section('## What is allowed', '**Never allowed**');
  const neverSection = section('**Never allowed**', '## Install');

  it('README names exactly the default allowed extensions and plugins', () => {
    const named = [...allowedSection.matchAll(/`([\w.!/-]+)`/g)].map(m => m[1]);
    expect(new Set(named)).toEqual(
      new Set([
        ...DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS,
        ...DEFAULT_ALLOWED_PLUGINS,
        'mkdocs.yml',
        '!!python/name',
      ]),
    );
  });

  it('README names every never-allowed extension and plugin', () => {
    for (const name of [
      ...Object.keys(NEVER_ALLOWED_MARKDOWN_EXTENSIONS),
      ...Object.keys(NEVER_ALLOWED_PLUGINS),
    ]) {
      expect(neverSection).toContain(`\`${name}\``);
    }
  });

  it('config.d.ts names the defaults and the never-allowed names', () => {
    const text = configSchema.replace(/\s*\*\s*/g, ' ');
    expect(text).toContain(
      `Replaces the default list: ${DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS.join(
        ', ',
      )}.`,
    );
    expect(text).toContain(
      `Replaces the default, \`[${DEFAULT_ALLOWED_PLUGINS.join(', ')}]\``,
    );
    for (const name of [
      ...Object.keys(NEVER_ALLOWED_MARKDOWN_EXTENSIONS),
      ...Object.keys(NEVER_ALLOWED_PLUGINS),
    ]) {
      expect(text).toContain(name);
    }
    expect(configSchema.match(/@visibility backend/g)).toHaveLength(2);
  });
});
