/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Router, sendJson, sendText } from '@internal/stand-in-http';
import { legacyNodeId } from '../fixture';
import { git } from '../git';
import { notFound } from './errors';
import { api, isRaw, R, wrapBase64 } from './http';
import type { RestContext } from './context';

const GIT_COLLECTION: Record<string, string> = {
  tree: 'trees',
  blob: 'blobs',
  commit: 'commits',
};

/** The git database: trees, blobs and refs (the UrlReader searches with trees and blobs). */
export function addGitDataRoutes(router: Router, ctx: RestContext) {
  const { world, A, requireCaller, readableRepo } = ctx;

  router.get(api(`${R}/git/trees/(?<sha>.+)`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    let sha = req.params.sha;
    let type = await bare.objectType(sha);
    if (type !== 'tree') {
      const commit = await bare.resolveCommit(sha);
      if (!commit) throw notFound();
      sha = (await bare.commitInfo(commit)).tree;
      type = 'tree';
    }
    const recursive =
      !!req.query.get('recursive') &&
      req.query.get('recursive') !== '0' &&
      req.query.get('recursive') !== 'false';
    const entries = await bare.listTree(sha, recursive);
    const base = `${A}/repos/${r.owner}/${r.name}`;
    sendJson(req.res, 200, {
      sha,
      url: `${base}/git/trees/${sha}`,
      tree: entries.map(e => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob' ? { size: e.size } : {}),
        url: `${base}/git/${GIT_COLLECTION[e.type]}/${e.sha}`,
      })),
      truncated: false,
    });
  });

  router.get(api(`${R}/git/blobs/(?<sha>[0-9a-fA-F]{40})`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    if ((await bare.objectType(req.params.sha)) !== 'blob') throw notFound();
    const data = await bare.readBlob(req.params.sha);
    if (isRaw(req)) {
      sendText(req.res, 200, data, 'application/vnd.github.raw; charset=utf-8');
      return;
    }
    sendJson(req.res, 200, {
      sha: req.params.sha,
      node_id: legacyNodeId('Blob', parseInt(req.params.sha.slice(0, 8), 16)),
      size: data.length,
      url: `${A}/repos/${r.owner}/${r.name}/git/blobs/${req.params.sha}`,
      content: wrapBase64(data),
      encoding: 'base64',
    });
  });

  router.get(api(`${R}/git/refs?/(?<ref>(?:heads|tags)/.+)`), async req => {
    const caller = requireCaller(req);
    const r = readableRepo(req, caller);
    const bare = world.bare(r);
    const res = await git([
      '--git-dir',
      bare.dir,
      'rev-parse',
      '--verify',
      '--quiet',
      `refs/${req.params.ref}`,
    ]);
    if (res.code !== 0) throw notFound();
    const sha = res.stdout.toString().trim();
    sendJson(req.res, 200, {
      ref: `refs/${req.params.ref}`,
      node_id: legacyNodeId('Ref', parseInt(sha.slice(0, 8), 16)),
      url: `${A}/repos/${r.owner}/${r.name}/git/refs/${req.params.ref}`,
      object: {
        type: 'commit',
        sha,
        url: `${A}/repos/${r.owner}/${r.name}/git/commits/${sha}`,
      },
    });
  });
}
