/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The MCP server's path (the plugin's standard one). */
export const MCP_PATH = '/api/mcp-actions/v1';

/** An MCP client (the official SDK) connected to the portal as one token's owner. */
export async function connectMcp(
  baseUrl: string,
  token: string | undefined,
): Promise<Client> {
  const client = new Client({ name: 'launchpad-e2e', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`${baseUrl}${MCP_PATH}`),
    token
      ? { requestInit: { headers: { authorization: `Bearer ${token}` } } }
      : {},
  );
  await client.connect(transport);
  return client;
}

/** A tool call's result: its JSON output, or its error text. */
export interface ToolResult {
  isError: boolean;
  text: string;
  output?: any;
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content: Array<{ type: string; text?: string }>;
    structuredContent?: unknown;
  };
  const text = result.content.map(c => c.text ?? '').join('\n');
  return {
    isError: !!result.isError,
    text,
    output: result.isError ? undefined : result.structuredContent,
  };
}

/** The loopback redirect URI of the Backstage CLI's CIMD client. */
export const REDIRECT_URI = 'http://127.0.0.1:8055/callback';

/**
 * What an MCP client does to act as a user, over plain HTTP: discovers the
 * authorization server from the MCP server's protected-resource metadata,
 * starts an authorization-code flow with PKCE as a client identified by a
 * Client ID Metadata Document (the Backstage CLI's, which the auth backend
 * serves itself), lets the signed-in user approve it on the portal's
 * /oauth2/authorize consent page (`approve`),
 * and exchanges the code for an access token.
 */
export async function authorizeMcpClient(
  baseUrl: string,
  /**
   * The user's part: approves the session on the consent page and returns
   * the URL the page sends the browser to (the client's redirect URI with
   * the code).
   */
  approve: (consentPage: string) => Promise<string>,
): Promise<{ accessToken: string; expiresIn: number; consentPage: string }> {
  const resource = await (
    await fetch(`${baseUrl}/.well-known/oauth-protected-resource${MCP_PATH}`)
  ).json();
  const authServer: string = resource.authorization_servers[0];
  const metadata = await (
    await fetch(`${authServer}/.well-known/openid-configuration`)
  ).json();
  if (!metadata.client_id_metadata_document_supported) {
    throw new Error('the authorization server does not accept CIMD clients');
  }
  const clientId = `${authServer}/.well-known/oauth-client/cli.json`;
  const redirectUri = REDIRECT_URI;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(8).toString('hex');

  const authorize = new URL(metadata.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const started = await fetch(authorize, { redirect: 'manual' });
  const consentPage = started.headers.get('location') ?? '';
  const sessionId = /\/oauth2\/authorize\/([^/?#]+)/.exec(consentPage)?.[1];
  if (started.status !== 302 || !sessionId) {
    throw new Error(
      `authorize answered ${
        started.status
      } ${consentPage}: ${await started.text()}`,
    );
  }

  const back = new URL(await approve(consentPage));
  if (back.searchParams.get('state') !== state) {
    throw new Error(`state mismatch in ${back}`);
  }

  const tokenRes = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code'),
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: clientId,
    }),
  });
  const tokens = await tokenRes.json();
  if (tokenRes.status !== 200) {
    throw new Error(
      `token answered ${tokenRes.status}: ${JSON.stringify(tokens)}`,
    );
  }
  return {
    accessToken: tokens.access_token,
    expiresIn: tokens.expires_in,
    consentPage,
  };
}
