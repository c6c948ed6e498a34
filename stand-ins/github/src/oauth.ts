/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { randomBytes } from 'node:crypto';
import type { FixtureOAuthApp } from './fixture';
import {
  Request,
  Router,
  redirect,
  sendJson,
  sendText,
} from '@internal/stand-in-http';
import { escapeHtml } from './html';
import type { World } from './world';

const DOCS = 'https://docs.github.com/apps/managing-oauth-apps';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  login: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

/** GitHub's rule: same scheme, host and port; path inside the callback URL's path. */
export function redirectUriAllowed(callbackUrl: string, redirectUri: string) {
  let cb: URL;
  let ru: URL;
  try {
    cb = new URL(callbackUrl);
    ru = new URL(redirectUri);
  } catch {
    return false;
  }
  if (cb.protocol !== ru.protocol || cb.host !== ru.host) return false;
  const base = cb.pathname.replace(/\/+$/, '');
  return (
    ru.pathname === cb.pathname ||
    ru.pathname === base ||
    ru.pathname.startsWith(`${base}/`)
  );
}

function withParams(
  target: string,
  params: Record<string, string | undefined>,
) {
  const url = new URL(target);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined) url.searchParams.set(k, v);
  }
  return url.toString();
}

function parseScopes(scope: string | null | undefined) {
  return (scope ?? '')
    .split(/[\s,]+/)
    .map(s => s.trim())
    .filter(Boolean);
}

function htmlPage(title: string, body: string) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #f6f8fa; color: #1f2328; margin: 0; }
  main { max-width: 440px; margin: 48px auto; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 24px; }
  h1 { font-size: 20px; font-weight: 400; margin-top: 0; }
  .note { color: #59636e; font-size: 13px; }
  .users { list-style: none; padding: 0; margin: 16px 0; }
  .users li { margin: 8px 0; }
  .users button { display: flex; align-items: center; gap: 12px; width: 100%; padding: 8px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; font-size: 14px; text-align: left; }
  .users button:hover { background: #eaeef2; }
  .users img { width: 32px; height: 32px; border-radius: 50%; }
  .login { color: #59636e; }
  .tag { font-size: 11px; border: 1px solid #d0d7de; border-radius: 10px; padding: 0 6px; color: #59636e; }
  .deny { background: none; border: none; color: #cf222e; cursor: pointer; font-size: 14px; padding: 0; }
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** The OAuth web flow: /login/oauth/authorize and /login/oauth/access_token. */
export function addOAuthRoutes(
  router: Router,
  world: World,
  codeTtlSeconds: number,
) {
  const codes = new Map<string, PendingCode>();

  const notFoundPage = (req: Request, message: string) =>
    sendText(
      req.res,
      404,
      htmlPage('Page not found', `<h1>404 — ${escapeHtml(message)}</h1>`),
      'text/html; charset=utf-8',
    );

  /** Validates client_id and redirect_uri the way GitHub does before showing anything. */
  const resolveApp = (
    req: Request,
    params: {
      clientId?: string | null;
      redirectUri?: string | null;
      state?: string | null;
    },
  ): { app: FixtureOAuthApp; redirectUri: string } | undefined => {
    const app = params.clientId ? world.oauthApp(params.clientId) : undefined;
    if (!app) {
      notFoundPage(req, 'no OAuth application with this client_id');
      return undefined;
    }
    const redirectUri = params.redirectUri || app.callbackUrl;
    if (!redirectUriAllowed(app.callbackUrl, redirectUri)) {
      redirect(
        req.res,
        withParams(app.callbackUrl, {
          error: 'redirect_uri_mismatch',
          error_description:
            'The redirect_uri MUST match the registered callback URL for this application.',
          error_uri: `${DOCS}/troubleshooting-authorization-request-errors/#redirect-uri-mismatch`,
          state: params.state ?? undefined,
        }),
      );
      return undefined;
    }
    return { app, redirectUri };
  };

  router.get(/^\/login\/oauth\/authorize\/?$/, req => {
    const q = req.query;
    const resolved = resolveApp(req, {
      clientId: q.get('client_id'),
      redirectUri: q.get('redirect_uri'),
      state: q.get('state'),
    });
    if (!resolved) return;
    const { app, redirectUri } = resolved;
    const hidden = (name: string, value: string | null) =>
      value === null
        ? ''
        : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    const users = world.fixture.users
      .map(
        u => `<li><button type="submit" name="login" value="${escapeHtml(
          u.login,
        )}" data-login="${escapeHtml(u.login)}">
  <img src="${escapeHtml(world.shapes.avatarUrl(u.login))}" alt="">
  <span><strong>${escapeHtml(
    u.name,
  )}</strong> <span class="login">@${escapeHtml(u.login)}</span>
  ${
    u.orgRole === 'none'
      ? `<span class="tag">not in ${escapeHtml(world.org.login)}</span>`
      : ''
  }</span>
</button></li>`,
      )
      .join('\n');
    const scopes = parseScopes(q.get('scope'));
    const body = `<h1>Sign in to <strong>${escapeHtml(app.name)}</strong></h1>
<p class="note">GitHub stand-in: choose the GitHub account to authorize as.
Requested scopes: ${
      scopes.length ? scopes.map(escapeHtml).join(', ') : '(none)'
    }.</p>
<form method="post" action="/login/oauth/authorize">
${hidden('client_id', app.clientId)}
${hidden('redirect_uri', redirectUri)}
${hidden('state', q.get('state'))}
${hidden('scope', q.get('scope'))}
<ul class="users">
${users}
</ul>
<button type="submit" name="decision" value="deny" class="deny" data-action="deny">Cancel (deny access)</button>
</form>`;
    sendText(
      req.res,
      200,
      htmlPage(`Authorize ${app.name}`, body),
      'text/html; charset=utf-8',
      {
        'Cache-Control': 'no-store',
      },
    );
  });

  router.post(/^\/login\/oauth\/authorize\/?$/, async req => {
    const form = new URLSearchParams((await req.body()).toString('utf8'));
    const state = form.get('state') ?? undefined;
    const resolved = resolveApp(req, {
      clientId: form.get('client_id'),
      redirectUri: form.get('redirect_uri'),
      state,
    });
    if (!resolved) return;
    const { app, redirectUri } = resolved;
    if (form.get('decision') === 'deny') {
      redirect(
        req.res,
        withParams(redirectUri, {
          error: 'access_denied',
          error_description: 'The user has denied your application access.',
          error_uri: `${DOCS}/troubleshooting-authorization-request-errors/#access-denied`,
          state,
        }),
      );
      return;
    }
    const user = world.user(form.get('login') ?? '');
    if (!user) {
      sendText(
        req.res,
        422,
        htmlPage(
          'Unknown account',
          '<h1>Unknown account</h1><p>Pick one of the listed accounts.</p>',
        ),
        'text/html; charset=utf-8',
      );
      return;
    }
    const code = randomBytes(10).toString('hex');
    codes.set(code, {
      clientId: app.clientId,
      redirectUri,
      login: user.login,
      scopes: parseScopes(form.get('scope')),
      expiresAt: Date.now() + codeTtlSeconds * 1000,
      used: false,
    });
    redirect(req.res, withParams(redirectUri, { code, state }));
  });

  router.post(/^\/login\/oauth\/access_token\/?$/, async req => {
    const raw = (await req.body()).toString('utf8');
    const params = new URLSearchParams(req.query);
    const contentType = req.header('content-type') ?? '';
    if (contentType.includes('application/json') && raw.trim()) {
      try {
        for (const [k, v] of Object.entries(JSON.parse(raw)))
          params.set(k, String(v));
      } catch {
        /* GitHub ignores unparsable bodies and reports the missing values */
      }
    } else {
      for (const [k, v] of new URLSearchParams(raw)) params.set(k, v);
    }
    let clientId = params.get('client_id') ?? undefined;
    let clientSecret = params.get('client_secret') ?? undefined;
    const basic = /^basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) {
        clientId ??= decodeURIComponent(decoded.slice(0, i));
        clientSecret ??= decodeURIComponent(decoded.slice(i + 1));
      }
    }

    const accept = req.header('accept') ?? '';
    const answer = (body: Record<string, string>) => {
      if (accept.includes('application/json')) {
        sendJson(req.res, 200, body, { 'Cache-Control': 'no-store' });
      } else if (accept.includes('application/xml')) {
        const xml = `<OAuth>${Object.entries(body)
          .map(([k, v]) => `<${k}>${escapeHtml(v)}</${k}>`)
          .join('')}</OAuth>`;
        sendText(req.res, 200, xml, 'application/xml; charset=utf-8', {
          'Cache-Control': 'no-store',
        });
      } else {
        sendText(
          req.res,
          200,
          new URLSearchParams(body).toString(),
          'application/x-www-form-urlencoded; charset=utf-8',
          { 'Cache-Control': 'no-store' },
        );
      }
    };
    const fail = (error: string, description: string, anchor: string) =>
      answer({
        error,
        error_description: description,
        error_uri: `${DOCS}/troubleshooting-oauth-app-access-token-request-errors/#${anchor}`,
      });

    const app = clientId ? world.oauthApp(clientId) : undefined;
    if (!app || app.clientSecret !== clientSecret) {
      fail(
        'incorrect_client_credentials',
        'The client_id and/or client_secret passed are incorrect.',
        'incorrect-client-credentials',
      );
      return;
    }
    const code = params.get('code') ?? '';
    const pending = codes.get(code);
    if (
      !pending ||
      pending.used ||
      pending.clientId !== app.clientId ||
      pending.expiresAt < Date.now()
    ) {
      if (pending && pending.expiresAt < Date.now()) codes.delete(code);
      fail(
        'bad_verification_code',
        'The code passed is incorrect or expired.',
        'bad-verification-code',
      );
      return;
    }
    const redirectUri = params.get('redirect_uri');
    if (redirectUri && redirectUri !== pending.redirectUri) {
      fail(
        'redirect_uri_mismatch',
        'The redirect_uri MUST match the registered callback URL for this application.',
        'redirect-uri-mismatch',
      );
      return;
    }
    pending.used = true;
    const token = world.issueOAuthToken(
      pending.login,
      app.clientId,
      pending.scopes,
    );
    answer({
      access_token: token,
      token_type: 'bearer',
      scope: pending.scopes.join(','),
    });
  });

  // Periodically drop expired codes so a long-running sandbox does not grow.
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [k, v] of codes) if (v.expiresAt < now) codes.delete(k);
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
