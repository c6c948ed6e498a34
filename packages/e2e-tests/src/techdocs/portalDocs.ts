/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { GeneratorBase } from '@backstage/plugin-techdocs-node';
import { repoRoot } from '@internal/test-support';

/** The chapter's outline: source page, generated page, its <h1>. */
export const OUTLINE: Array<[string, string, string]> = [
  [
    'index.md',
    'index.html',
    'Launchpad 개발자 포털: Amazon EKS를 위한 Backstage',
  ],
  ['prerequisites.md', 'prerequisites/index.html', '사전 조건'],
  ['what-is-backstage.md', 'what-is-backstage/index.html', 'Backstage 란?'],
  ['install.md', 'install/index.html', '설치'],
  ['auth-github.md', 'auth-github/index.html', '인증과 GitHub 연동'],
  ['software-catalog.md', 'software-catalog/index.html', 'Software Catalog'],
  ['techdocs.md', 'techdocs/index.html', 'TechDocs'],
  ['software-template.md', 'software-template/index.html', 'Software Template'],
  ['deploy-eks.md', 'deploy-eks/index.html', 'Kubernetes에 Backstage 배포'],
  ['eks-nodes.md', 'eks-nodes/index.html', 'Kubernetes 노드와 EKS 노드 관리'],
  ['english.md', 'english/index.html', 'English summary'],
];

/** The visible text of an HTML fragment. */
export function text(html: string): string {
  return html
    .replace(/<a class="headerlink"[^>]*>.*?<\/a>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}

/** Every file under `dir`. */
export function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/** The <h1> text of a generated page. */
export function heading(site: string, page: string): string | undefined {
  const html = fs.readFileSync(path.join(site, page), 'utf8');
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return h1 ? text(h1[1]) : undefined;
}

export interface PortalDocsBuild {
  /** Temporary folder holding `repo/` (the input) and `site/` (the output). */
  work: string;
  site: string;
  /** The copy of mkdocs.yml the generator ran on (it patches it in place). */
  mkdocsYml: string;
  /** Everything mkdocs and the generator logged, one line each. */
  log: string;
  /** Set when the generator failed. */
  error?: unknown;
}

/**
 * Runs a TechDocs generator on a copy of the repository's mkdocs.yml and
 * docs/ (the generator rewrites mkdocs.yml in place; the repository's file is
 * never touched). `editMkdocsYml` changes the copy first; `mkdocs` is the
 * executable the generator runs instead of the `mkdocs` on PATH. Never throws
 * for a failed build: the caller asserts on `error` and `log`.
 */
export async function buildPortalDocs(options: {
  generator: GeneratorBase;
  editMkdocsYml?: (yml: string) => string;
  mkdocs?: string;
}): Promise<PortalDocsBuild> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-techdocs-'));
  const input = path.join(work, 'repo');
  const site = path.join(work, 'site');
  fs.mkdirSync(site);
  fs.mkdirSync(input);
  const mkdocsYml = path.join(input, 'mkdocs.yml');
  const original = fs.readFileSync(path.join(repoRoot, 'mkdocs.yml'), 'utf8');
  fs.writeFileSync(
    mkdocsYml,
    options.editMkdocsYml ? options.editMkdocsYml(original) : original,
  );
  fs.cpSync(path.join(repoRoot, 'docs'), path.join(input, 'docs'), {
    recursive: true,
  });

  const lines: string[] = [];
  const logger = {
    error: (m: string) => lines.push(`error ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  // Chunks of mkdocs's output can end mid-line (a traceback's last line
  // arrives in two writes): join the chunks first, then split into lines.
  let streamed = '';
  const logStream = new PassThrough();
  logStream.on('data', d => {
    streamed += d.toString();
  });
  // The generator spawns `mkdocs` with Node's own environment (not jest's
  // copy of it), so PATH cannot choose it from here: swap the command.
  const spawn = childProcess.spawn;
  const swap = options.mkdocs
    ? jest
        .spyOn(childProcess, 'spawn')
        .mockImplementation(((command: string, ...rest: any[]) =>
          (spawn as any)(
            command === 'mkdocs' ? options.mkdocs : command,
            ...rest,
          )) as any)
    : undefined;
  let error: unknown;
  try {
    await options.generator.run({
      inputDir: input,
      outputDir: site,
      logger: logger as any,
      logStream,
      siteOptions: { name: 'Launchpad developer portal' },
    });
  } catch (e) {
    error = e;
  } finally {
    swap?.mockRestore();
  }
  // Let the log stream deliver what mkdocs wrote last.
  await new Promise(resolve => setImmediate(resolve));
  return {
    work,
    site,
    mkdocsYml,
    log: [...lines, ...streamed.split('\n')].join('\n'),
    error,
  };
}

/** A logger for generator constructors; what a build logs goes to `run`'s logger. */
export const silentLogger: any = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** mkdocs reports missing pages, images and nav entries as WARNING lines. */
export function warnings(log: string): string[] {
  return log.split('\n').filter(l => /WARNING|^warn /.test(l));
}
