/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Router, sendText } from '@internal/stand-in-http';
import { createHash } from 'node:crypto';
import { escapeHtml } from './html';
import type { World } from './world';

/** A deterministic identicon-like SVG avatar: initials on a colour from the login. */
export function avatarSvg(
  key: string,
  displayName: string,
  size = 128,
): string {
  const digest = createHash('sha1').update(key).digest();
  const hue = Math.round((digest[0] / 255) * 360);
  const initials =
    displayName
      .split(/[\s_-]+/)
      .filter(Boolean)
      .slice(0, 2)
      .map(p => p[0]!.toUpperCase())
      .join('') || '?';
  const cells: string[] = [];
  // A 5x5 symmetric pattern in a lighter tone behind the initials.
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if ((digest[1 + y * 3 + x] ?? 0) % 2 === 0) {
        for (const cx of x === 2 ? [2] : [x, 4 - x]) {
          cells.push(
            `<rect x="${cx * 20 + 14}" y="${
              y * 20 + 14
            }" width="20" height="20" fill="hsl(${hue},55%,72%)"/>`,
          );
        }
      }
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128" role="img" aria-label="${escapeHtml(
    displayName,
  )}">
<rect width="128" height="128" fill="hsl(${hue},55%,42%)"/>
${cells.join('\n')}
<text x="64" y="78" font-family="Helvetica, Arial, sans-serif" font-size="44" font-weight="700" fill="#fff" text-anchor="middle">${escapeHtml(
    initials,
  )}</text>
</svg>
`;
}

/** `/avatars/<login>` (users and the organization) and `/avatars/_team/<org>/<slug>`. */
export function addAvatarRoutes(router: Router, w: World) {
  router.get(/^\/avatars\/_team\/(?<org>[^/]+)\/(?<slug>[^/]+)$/, req => {
    const t = w.team(req.params.slug);
    if (!t || !w.isOrg(req.params.org)) {
      sendText(req.res, 404, 'Not Found', 'text/plain');
      return;
    }
    sendText(
      req.res,
      200,
      avatarSvg(`team:${t.slug}`, t.name),
      'image/svg+xml',
      {
        'Cache-Control': 'max-age=3600',
      },
    );
  });
  router.get(/^\/avatars\/(?:u\/)?(?<login>[A-Za-z0-9-]+)$/, req => {
    const login = req.params.login;
    const u = w.user(login);
    const name =
      u?.name ?? (w.isOrg(login) ? w.fixture.organization.name : undefined);
    if (!name) {
      sendText(req.res, 404, 'Not Found', 'text/plain');
      return;
    }
    sendText(
      req.res,
      200,
      avatarSvg(login.toLowerCase(), name),
      'image/svg+xml',
      {
        'Cache-Control': 'max-age=3600',
      },
    );
  });
}
