/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { spawn } from 'node:child_process';
import { Request, Router, sendText } from '@internal/stand-in-http';
import type { World } from './world';

/**
 * git smart-HTTP (clone, fetch, push) at `/<owner>/<repo>.git/...` and
 * `/<owner>/<repo>/...`, served by running `git http-backend` as a CGI.
 * Credentials: HTTP basic auth with the token as password
 * (`x-access-token:<token>`), like GitHub.
 */
export function addGitHttpRoutes(router: Router, world: World) {
  const pattern =
    /^\/(?<owner>[A-Za-z0-9-]+)\/(?<repo>[A-Za-z0-9._-]+?)(?:\.git)?\/(?<rest>info\/refs|git-upload-pack|git-receive-pack)$/;
  const handle = (req: Request) => serveGit(req, world);
  router.get(pattern, handle);
  router.post(pattern, handle);
}

function deny(
  req: Request,
  status: number,
  message: string,
  challenge = false,
) {
  sendText(req.res, status, `${message}\n`, 'text/plain; charset=utf-8', {
    ...(challenge ? { 'WWW-Authenticate': 'Basic realm="GitHub"' } : {}),
  });
}

async function serveGit(req: Request, world: World) {
  const { owner, repo, rest } = req.params;
  const service = rest === 'info/refs' ? req.query.get('service') ?? '' : rest;
  if (
    rest === 'info/refs' &&
    service !== 'git-upload-pack' &&
    service !== 'git-receive-pack'
  ) {
    deny(
      req,
      403,
      'Dumb HTTP protocol is not supported; use a git client that speaks smart HTTP.',
    );
    return;
  }
  const wantsWrite = service === 'git-receive-pack';

  const auth = world.authenticate(req.header('authorization'));
  const record = world.state.findRepo(owner, repo);
  if (!auth.ok) {
    if (auth.reason === 'bad') {
      deny(
        req,
        401,
        'Invalid username or token. Password authentication is not supported for Git operations.',
        true,
      );
      return;
    }
    // Anonymous: only a public repository can be cloned without credentials.
    if (!record || record.visibility !== 'public' || wantsWrite) {
      deny(req, 401, 'Authentication required', true);
      return;
    }
  }
  const caller = auth.ok ? auth.caller : undefined;
  if (!record || !world.canRead(caller, record)) {
    deny(req, 404, 'Repository not found.');
    return;
  }
  if (wantsWrite && !world.canWrite(caller, record)) {
    deny(
      req,
      403,
      `Permission to ${record.owner}/${record.name}.git denied to ${
        caller!.user.login
      }.`,
    );
    return;
  }

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: world.reposDir,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_HTTP_MAX_REQUEST_BUFFER: '100M',
    PATH_INFO: `/${record.owner}/${record.name}.git/${rest}`,
    REQUEST_METHOD: req.method,
    QUERY_STRING: req.query.toString(),
    CONTENT_TYPE: req.header('content-type') ?? '',
    REMOTE_USER: caller?.user.login ?? '',
    REMOTE_ADDR: req.raw.socket.remoteAddress ?? '127.0.0.1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
  };
  const contentLength = req.header('content-length');
  if (contentLength) env.CONTENT_LENGTH = contentLength;
  const encoding = req.header('content-encoding');
  if (encoding) env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = req.header('git-protocol');
  if (protocol) env.GIT_PROTOCOL = protocol;

  // Branch heads before a push, for the push webhook's `before`.
  const isPush = req.method === 'POST' && rest === 'git-receive-pack';
  const before = isPush ? await world.bare(record).branches() : [];
  const child = spawn('git', ['http-backend'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', d => {
    stderr += d.toString();
  });
  req.raw.pipe(child.stdin);
  child.stdin.on('error', () => {
    /* the backend may exit before reading everything (e.g. on errors) */
  });

  let headerBuf = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      req.res.write(chunk);
      return;
    }
    headerBuf = Buffer.concat([headerBuf, chunk]);
    let end = headerBuf.indexOf('\r\n\r\n');
    let sep = 4;
    if (end < 0) {
      end = headerBuf.indexOf('\n\n');
      sep = 2;
    }
    if (end < 0) return;
    headersDone = true;
    const lines = headerBuf.subarray(0, end).toString('latin1').split(/\r?\n/);
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === 'status') status = parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    req.res.writeHead(status, headers);
    req.res.write(headerBuf.subarray(end + sep));
  });

  await new Promise<void>(resolve => {
    child.on('error', err => {
      if (!req.res.headersSent) {
        deny(req, 500, `git http-backend could not run: ${err.message}`);
      }
      resolve();
    });
    child.on('close', async code => {
      if (!headersDone) {
        if (!req.res.headersSent) {
          deny(
            req,
            500,
            `git http-backend failed${stderr ? `: ${stderr.trim()}` : ''}`,
          );
        }
      } else {
        // Update the default branch before the client sees the push finish.
        if (
          code === 0 &&
          req.method === 'POST' &&
          rest === 'git-receive-pack'
        ) {
          await world
            .afterPush(record, { pusher: caller, before })
            .catch(() => undefined);
        }
        req.res.end();
      }
      resolve();
    });
  });
}
