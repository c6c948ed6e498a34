/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import { PassThrough, Writable } from 'node:stream';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, isError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import {
  GeneratorRunOptions,
  TechdocsGenerator,
} from '@backstage/plugin-techdocs-node';
import { checkMkdocsConfig, GuardPolicy } from './guard';
import {
  assertAllowableExtensions,
  DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS,
} from './markdownExtensions';
import {
  assertAllowablePlugins,
  DEFAULT_ALLOWED_PLUGINS,
  neverAllowedReason,
} from './plugins';

/** Lines of the mkdocs log quoted in the error when a build fails. */
const LOG_TAIL_LINES = 10;
const MAX_LOG_CHARS = 1500;
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Reads `techdocs.guard` from config. Throws when an allow list names a
 * plugin or Markdown extension the guard never allows.
 */
export function readGuardPolicy(config: Config): GuardPolicy {
  const allowedMarkdownExtensions =
    config.getOptionalStringArray('techdocs.guard.allowedMarkdownExtensions') ??
    DEFAULT_ALLOWED_MARKDOWN_EXTENSIONS;
  assertAllowableExtensions(allowedMarkdownExtensions);
  const allowedPlugins =
    config.getOptionalStringArray('techdocs.guard.allowedPlugins') ??
    DEFAULT_ALLOWED_PLUGINS;
  assertAllowablePlugins(allowedPlugins);
  return { allowedPlugins, allowedMarkdownExtensions };
}

/**
 * Problems with the MkDocs plugins the stock generator adds to every
 * mkdocs.yml after the guard has read it: `techdocs-core` unless
 * `techdocs.generator.mkdocs.omitTechdocsCorePlugin` is true, and
 * `techdocs.generator.mkdocs.defaultPlugins`. They are held to the same
 * rules as the plugins an mkdocs.yml names.
 */
export function checkGeneratorPlugins(
  config: Config,
  policy: GuardPolicy,
): string[] {
  const added: Array<[string, string]> = (
    config.getOptionalStringArray('techdocs.generator.mkdocs.defaultPlugins') ??
    []
  ).map(name => [name, 'techdocs.generator.mkdocs.defaultPlugins']);
  if (
    config.getOptionalBoolean(
      'techdocs.generator.mkdocs.omitTechdocsCorePlugin',
    ) !== true &&
    !added.some(([name]) => name === 'techdocs-core')
  ) {
    added.push([
      'techdocs-core',
      'techdocs.generator.mkdocs.omitTechdocsCorePlugin is not true',
    ]);
  }
  const allowed = new Set(policy.allowedPlugins);
  return added.flatMap(([name, why]) => {
    const where = `the backend adds the MkDocs plugin '${name}' to every mkdocs.yml (${why})`;
    const reason = neverAllowedReason(name);
    if (reason) {
      return [`${where}, which ${reason}`];
    }
    return allowed.has(name)
      ? []
      : [
          `${where}, not allowed here (allowed: ${
            policy.allowedPlugins.join(', ') || 'none'
          })`,
        ];
  });
}

function buildError(error: unknown, tail: string[]): Error {
  const message = isError(error) ? error.message : String(error);
  if (/spawn mkdocs ENOENT/.test(message)) {
    return new InputError(
      'mkdocs is not installed on the TechDocs build server (techdocs.generator.runIn: local); install mkdocs and mkdocs-material there',
    );
  }
  const exit = /exit code: (\d+)/.exec(message);
  if (!exit) {
    // Not an mkdocs failure (the stock generator's own checks): keep it.
    return isError(error) ? error : new Error(message);
  }
  // One line, " | " between log lines: the Docs tab shows the message
  // JSON-quoted, where a newline would appear as a literal "\n".
  let log = tail.length > 0 ? tail.join(' | ') : '(mkdocs printed nothing)';
  if (log.length > MAX_LOG_CHARS) {
    log = `...${log.slice(-MAX_LOG_CHARS)}`;
  }
  return new InputError(
    `mkdocs build failed with exit code ${exit[1]}. End of the build log: ${log}`,
  );
}

/**
 * Passes the generator's log through to the original stream (the Docs tab's
 * build log) and keeps the last informative lines for the error message.
 */
class LogTail {
  readonly stream: Writable;
  #buffer = '';
  #lines: string[] = [];

  constructor(downstream?: Writable) {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      downstream?.write(chunk);
      this.#push(chunk.toString('utf8'));
    });
    this.stream = stream;
  }

  lines(): string[] {
    const rest = this.#buffer;
    this.#buffer = '';
    if (rest) {
      this.#keep(rest);
    }
    return [...this.#lines];
  }

  #push(text: string) {
    const parts = (this.#buffer + text).split(/\r?\n/);
    this.#buffer = parts.pop() ?? '';
    for (const part of parts) {
      this.#keep(part);
    }
  }

  #keep(raw: string) {
    const line = raw.replace(ANSI_ESCAPE, '').replace(/\s+/g, ' ').trim();
    // mkdocs runs with -v: its DEBUG lines list every config value and would
    // push the actual error out of the tail.
    if (!line || /^DEBUG\b/.test(line)) {
      return;
    }
    this.#lines.push(line);
    if (this.#lines.length > LOG_TAIL_LINES) {
      this.#lines.shift();
    }
  }
}

/**
 * The stock TechDocs generator with two additions: the repository's
 * mkdocs.yml is checked (see `checkMkdocsConfig`) before anything else runs,
 * and a failed mkdocs build is reported with the end of its log rather than
 * only its exit code.
 */
export class GuardedTechdocsGenerator extends TechdocsGenerator {
  readonly #policy: GuardPolicy;
  /** Problems of the backend's own configuration: every build is refused. */
  readonly #configProblems: string[];

  static fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): GuardedTechdocsGenerator {
    return new GuardedTechdocsGenerator({
      config,
      logger: options.logger,
      scmIntegrations: ScmIntegrations.fromConfig(config),
      policy: readGuardPolicy(config),
    });
  }

  constructor(options: {
    config: Config;
    logger: LoggerService;
    scmIntegrations: ScmIntegrations;
    policy: GuardPolicy;
  }) {
    super(options);
    this.#policy = options.policy;
    this.#configProblems = checkGeneratorPlugins(
      options.config,
      options.policy,
    );
    for (const problem of this.#configProblems) {
      options.logger.warn(
        `TechDocs guard: every local docs build will be refused: ${problem}`,
      );
    }
  }

  async run(options: GeneratorRunOptions): Promise<void> {
    if (this.#configProblems.length > 0) {
      throw new NotAllowedError(
        `TechDocs refused to build: ${this.#configProblems.join(
          '; ',
        )}. Platform admins: set techdocs.generator.mkdocs.omitTechdocsCorePlugin: true and list only allowed plugins in techdocs.generator.mkdocs.defaultPlugins`,
      );
    }
    await checkMkdocsConfig(options.inputDir, this.#policy);

    const log = new LogTail(options.logStream);
    try {
      await super.run({ ...options, logStream: log.stream });
    } catch (error) {
      throw buildError(error, log.lines());
    }
  }
}
