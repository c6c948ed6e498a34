/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';

/** Environment for every git child: no user config, no prompts. */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LANG: 'C',
    ...extra,
  };
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/** Runs git and resolves with its output, whatever the exit code. */
export function git(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: Buffer } = {},
): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: gitEnv(options.env),
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof (error as any).code !== 'number') {
          reject(
            new Error(
              `Could not run git (${error.message}); the GitHub stand-in needs the git CLI on PATH`,
            ),
          );
          return;
        }
        resolvePromise({
          stdout: stdout as Buffer,
          stderr: (stderr as Buffer).toString('utf8'),
          code: error ? ((error as any).code as number) : 0,
        });
      },
    );
    if (options.input) child.stdin?.end(options.input);
  });
}

/** Runs git and fails with its stderr on a non-zero exit. */
export async function gitOk(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: Buffer } = {},
): Promise<Buffer> {
  const result = await git(args, options);
  if (result.code !== 0) {
    throw new Error(`git ${args[0]} failed: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number;
  path: string;
}

/**
 * Read access to one bare repository through the git CLI. Refs and paths
 * come from HTTP requests, so every call passes them as separate arguments
 * and rejects option-like values.
 */
export class BareRepo {
  constructor(readonly dir: string) {}

  static async create(dir: string, defaultBranch: string): Promise<BareRepo> {
    mkdirSync(dirname(dir), { recursive: true });
    await gitOk([
      'init',
      '--bare',
      '--quiet',
      `--initial-branch=${defaultBranch}`,
      dir,
    ]);
    const repo = new BareRepo(dir);
    // Pushes over smart HTTP are authorized by the stand-in, so allow them.
    await gitOk(['config', 'http.receivepack', 'true'], { cwd: dir });
    await gitOk(['config', 'receive.denyNonFastForwards', 'false'], {
      cwd: dir,
    });
    return repo;
  }

  exists() {
    return existsSync(join(this.dir, 'HEAD'));
  }

  /** Commits every file under `sourceDir` as the first commit of `branch`. */
  async seed(sourceDir: string, branch: string, message: string) {
    const indexFile = join(this.dir, 'seed-index');
    const env = {
      GIT_INDEX_FILE: indexFile,
      GIT_AUTHOR_NAME: 'Launchpad Sandbox',
      GIT_AUTHOR_EMAIL: 'sandbox@launchpad.example',
      GIT_COMMITTER_NAME: 'Launchpad Sandbox',
      GIT_COMMITTER_EMAIL: 'sandbox@launchpad.example',
      GIT_AUTHOR_DATE: '2026-01-05T09:00:00Z',
      GIT_COMMITTER_DATE: '2026-01-05T09:00:00Z',
    };
    try {
      await gitOk(
        ['--git-dir', this.dir, '--work-tree', sourceDir, 'add', '-A', '.'],
        {
          cwd: sourceDir,
          env,
        },
      );
      const tree = (await gitOk(['--git-dir', this.dir, 'write-tree'], { env }))
        .toString()
        .trim();
      const commit = (
        await gitOk(
          ['--git-dir', this.dir, 'commit-tree', tree, '-m', message],
          { env },
        )
      )
        .toString()
        .trim();
      await gitOk([
        '--git-dir',
        this.dir,
        'update-ref',
        `refs/heads/${branch}`,
        commit,
      ]);
      await gitOk([
        '--git-dir',
        this.dir,
        'symbolic-ref',
        'HEAD',
        `refs/heads/${branch}`,
      ]);
      return commit;
    } finally {
      rmSync(indexFile, { force: true });
    }
  }

  private run(args: string[]) {
    return git(['--git-dir', this.dir, ...args]);
  }

  /** The branch HEAD points at (even if that branch has no commit yet). */
  async headBranch(): Promise<string | undefined> {
    const r = await this.run(['symbolic-ref', '--short', 'HEAD']);
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  async setHeadBranch(branch: string) {
    await gitOk([
      '--git-dir',
      this.dir,
      'symbolic-ref',
      'HEAD',
      `refs/heads/${branch}`,
    ]);
  }

  async branches(): Promise<Array<{ name: string; sha: string }>> {
    const r = await this.run([
      'for-each-ref',
      '--format=%(refname:short) %(objectname)',
      'refs/heads/',
    ]);
    return r.stdout
      .toString()
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [name, sha] = line.split(' ');
        return { name, sha };
      });
  }

  async isEmpty() {
    return (await this.branches()).length === 0;
  }

  /** Resolves a branch, tag, full or abbreviated sha, or HEAD to a commit sha. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    if (!ref || ref.startsWith('-') || /[\s~^:?*[\\]/.test(ref))
      return undefined;
    const candidates = /^[0-9a-f]{4,40}$/i.test(ref)
      ? [ref, `refs/heads/${ref}`, `refs/tags/${ref}`]
      : [`refs/heads/${ref}`, `refs/tags/${ref}`, ref];
    for (const c of candidates) {
      const r = await this.run([
        'rev-parse',
        '--verify',
        '--quiet',
        `${c}^{commit}`,
      ]);
      if (r.code === 0) return r.stdout.toString().trim();
    }
    return undefined;
  }

  /** Resolves `<ref>:<path>` (GraphQL `object(expression:)`) to an object. */
  async resolveExpression(
    expression: string,
  ): Promise<{ sha: string; type: string } | undefined> {
    const colon = expression.indexOf(':');
    const ref = colon >= 0 ? expression.slice(0, colon) : expression;
    const path = colon >= 0 ? expression.slice(colon + 1) : undefined;
    const commit = await this.resolveCommit(ref);
    if (!commit) return undefined;
    if (path === undefined) return { sha: commit, type: 'commit' };
    return this.objectAt(commit, path);
  }

  /** The object at `path` in `commit` (empty path = root tree). */
  async objectAt(
    commit: string,
    path: string,
  ): Promise<{ sha: string; type: string } | undefined> {
    const clean = path.replace(/^\/+|\/+$/g, '');
    if (clean.split('/').some(s => s === '..' || s === '.')) return undefined;
    if (!clean) {
      const r = await this.run([
        'rev-parse',
        '--verify',
        '--quiet',
        `${commit}^{tree}`,
      ]);
      return r.code === 0
        ? { sha: r.stdout.toString().trim(), type: 'tree' }
        : undefined;
    }
    // One process: ls-tree prints "<mode> <type> <sha>\t<path>" for the entry itself.
    const r = await this.run(['ls-tree', '-z', commit, '--', clean]);
    if (r.code !== 0) return undefined;
    const line = r.stdout
      .toString('utf8')
      .split('\0')
      .find(l => l.endsWith(`\t${clean}`));
    if (!line) return undefined;
    const [, type, sha] = line.slice(0, line.indexOf('\t')).split(/\s+/);
    return { sha, type };
  }

  async readBlob(sha: string): Promise<Buffer> {
    return gitOk(['--git-dir', this.dir, 'cat-file', 'blob', sha]);
  }

  async objectType(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/i.test(sha)) return undefined;
    const r = await this.run(['cat-file', '-t', sha]);
    return r.code === 0 ? r.stdout.toString().trim() : undefined;
  }

  /** Lists a tree (optionally recursive) with blob sizes. */
  async listTree(treeish: string, recursive: boolean): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-l', '-z'];
    if (recursive) args.push('-r', '-t');
    args.push(treeish);
    const out = await gitOk(['--git-dir', this.dir, ...args]);
    return out
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
        return {
          mode,
          type: type as TreeEntry['type'],
          sha,
          size: size === '-' ? 0 : Number(size),
          path: line.slice(tab + 1),
        };
      });
  }

  async commitInfo(sha: string) {
    const out = (
      await gitOk([
        '--git-dir',
        this.dir,
        'show',
        '-s',
        '--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B',
        sha,
      ])
    ).toString('utf8');
    const [hash, tree, parents, an, ae, ad, cn, ce, cd, ...msg] =
      out.split('\0');
    return {
      sha: hash,
      tree,
      parents: parents ? parents.split(' ').filter(Boolean) : [],
      author: { name: an, email: ae, date: ad },
      committer: { name: cn, email: ce, date: cd },
      message: msg.join('\0').replace(/\n+$/, ''),
    };
  }

  /** Date of the last commit reachable from `commit` that touched `path`. */
  async lastModified(commit: string, path: string): Promise<Date | undefined> {
    const r = await this.run([
      'log',
      '-1',
      '--format=%cI',
      commit,
      '--',
      path || '.',
    ]);
    const text = r.stdout.toString().trim();
    return text ? new Date(text) : undefined;
  }

  /** A gzip tarball stream whose entries sit under `prefix/`. */
  archive(commit: string, format: 'tar.gz' | 'zip', prefix: string): Readable {
    const child = spawn(
      'git',
      [
        '--git-dir',
        this.dir,
        'archive',
        `--format=${format}`,
        `--prefix=${prefix}/`,
        commit,
      ],
      { env: gitEnv(), stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return child.stdout;
  }
}
