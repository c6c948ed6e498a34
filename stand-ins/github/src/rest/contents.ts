/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Request, Router, sendText } from '@internal/stand-in-http';
import type { TreeEntry } from '../git';
import type { RepoRecord } from '../state';
import { notFound } from './errors';
import {
  api,
  conditional,
  isRaw,
  R,
  sendCachedJson,
  sendNotModified,
  wrapBase64,
} from './http';
import type { RestContext } from './context';

/** File contents (JSON or raw), the README, the raw host and archives. */
export function addContentRoutes(router: Router, ctx: RestContext) {
  const { world, shapes, A, requireCaller, readableRepo, resolveRef } = ctx;

  const contentItem = (
    r: RepoRecord,
    ref: string,
    e: { path: string; sha: string; size: number; type: string },
  ) => {
    const base = `${A}/repos/${r.owner}/${r.name}`;
    const self = `${base}/contents/${e.path}?ref=${encodeURIComponent(ref)}`;
    const gitUrl =
      e.type === 'dir'
        ? `${base}/git/trees/${e.sha}`
        : `${base}/git/blobs/${e.sha}`;
    const html = `${shapes.base}/${r.owner}/${r.name}/${
      e.type === 'dir' ? 'tree' : 'blob'
    }/${ref}/${e.path}`;
    return {
      type: e.type,
      size: e.size,
      name: e.path.split('/').pop() ?? e.path,
      path: e.path,
      sha: e.sha,
      url: self,
      git_url: gitUrl,
      html_url: html,
      download_url:
        e.type === 'file'
          ? `${shapes.base}/raw/${r.owner}/${r.name}/${ref}/${e.path}`
          : null,
      _links: { self, git: gitUrl, html },
    };
  };

  const entryType = (e: TreeEntry) => {
    if (e.type === 'tree') return 'dir';
    if (e.type === 'commit') return 'submodule';
    return e.mode === '120000' ? 'symlink' : 'file';
  };

  /** Contents API and raw host share this. */
  const serveContents = async (
    req: Request,
    r: RepoRecord,
    path: string,
    ref: string | null,
    raw: boolean,
  ) => {
    const { sha: commit, name: refName } = await resolveRef(r, ref);
    const bare = world.bare(r);
    const clean = path.replace(/^\/+|\/+$/g, '');
    const obj = clean
      ? await bare.objectAt(commit, clean)
      : { sha: commit, type: 'tree' };
    if (!obj) throw notFound();
    const lastModified = await bare.lastModified(commit, clean);
    const lmHeader: Record<string, string> = lastModified
      ? { 'Last-Modified': lastModified.toUTCString() }
      : {};
    if (obj.type === 'blob') {
      const data = await bare.readBlob(obj.sha);
      if (raw) {
        const etag = `"${obj.sha}"`;
        if (conditional(req, etag, lastModified)) {
          sendNotModified(req, etag);
          return;
        }
        sendText(
          req.res,
          200,
          data,
          'application/vnd.github.raw; charset=utf-8',
          { ETag: etag, ...lmHeader },
        );
        return;
      }
      const body = {
        ...contentItem(r, refName, {
          path: clean,
          sha: obj.sha,
          size: data.length,
          type: 'file',
        }),
        content: wrapBase64(data),
        encoding: 'base64',
      };
      sendCachedJson(req, body, lastModified);
      return;
    }
    if (obj.type === 'tree') {
      const entries = await bare.listTree(clean ? obj.sha : commit, false);
      const list = entries.map(e =>
        contentItem(r, refName, {
          path: clean ? `${clean}/${e.path}` : e.path,
          sha: e.sha,
          size: e.type === 'blob' ? e.size : 0,
          type: entryType(e),
        }),
      );
      sendCachedJson(req, list, lastModified);
      return;
    }
    throw notFound();
  };

  // contents (JSON or raw)
  router.get(api(`${R}/contents(?:/(?<path>.*))?`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    await serveContents(
      req,
      r,
      req.params.path ?? '',
      req.query.get('ref'),
      isRaw(req),
    );
  });

  router.get(api(`${R}/readme`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const { sha } = await resolveRef(r, req.query.get('ref'));
    const entries = await world.bare(r).listTree(sha, false);
    const readme = entries.find(
      e => e.type === 'blob' && /^readme(\.|$)/i.test(e.path),
    );
    if (!readme) throw notFound();
    await serveContents(req, r, readme.path, req.query.get('ref'), isRaw(req));
  });

  // GHES-style raw host: <base>/raw/<owner>/<repo>/<ref>/<path>
  router.get(
    /^\/raw\/(?<owner>[A-Za-z0-9-]+)\/(?<repo>[A-Za-z0-9._-]+)\/(?<rest>.+)$/,
    async req => {
      const queryToken = req.query.get('token');
      const auth = world.authenticate(
        req.header('authorization') ??
          (queryToken ? `token ${queryToken}` : undefined),
      );
      const caller = auth.ok ? auth.caller : undefined;
      const r = world.state.findRepo(req.params.owner, req.params.repo);
      if (!r || !world.canRead(caller, r)) {
        sendText(req.res, 404, '404: Not Found', 'text/plain; charset=utf-8');
        return;
      }
      // The ref may contain slashes: try the longest ref that exists.
      const parts = req.params.rest.split('/');
      for (let i = parts.length - 1; i >= 1; i--) {
        const ref = parts.slice(0, i).join('/');
        if (await world.bare(r).resolveCommit(ref)) {
          await serveContents(req, r, parts.slice(i).join('/'), ref, true);
          return;
        }
      }
      sendText(req.res, 404, '404: Not Found', 'text/plain; charset=utf-8');
    },
  );

  // archives for readTree
  router.get(
    api(`${R}/(?<format>tarball|zipball)(?:/(?<ref>.+))?`),
    async req => {
      const caller = requireCaller(req);
      const r = readableRepo(req, caller);
      const { sha } = await resolveRef(r, req.params.ref);
      const prefix = `${r.owner}-${r.name}-${sha.slice(0, 7)}`;
      const zip = req.params.format === 'zipball';
      const stream = world.bare(r).archive(sha, zip ? 'zip' : 'tar.gz', prefix);
      req.res.writeHead(200, {
        'Content-Type': zip ? 'application/zip' : 'application/x-gzip',
        'Content-Disposition': `attachment; filename=${prefix}.${
          zip ? 'zip' : 'tar.gz'
        }`,
        ETag: `"${sha}"`,
      });
      stream.pipe(req.res);
      await new Promise(resolve => stream.on('close', resolve));
    },
  );
}
