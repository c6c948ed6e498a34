/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { verify } from '@octokit/webhooks-methods';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runGit } from '@internal/test-support';
import { startTestStandIn, tempDir, TEST_TOKEN, TestStandIn } from './testing';
import { signPayload } from './webhooks';

jest.setTimeout(60_000);

// GitHub's own webhooks description (OpenAPI 3.1, JSON Schema 2020-12): the
// body schema of each webhook, e.g. `push` or `membership-added`.
const spec = JSON.parse(
  fs.readFileSync(
    require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'),
    'utf8',
  ),
);
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({
  $id: 'https://api.github.com/webhooks',
  components: JSON.parse(
    JSON.stringify(spec.components).replaceAll(
      '"#/components/',
      '"https://api.github.com/webhooks#/components/',
    ),
  ),
});
function expectWebhookShape(name: string, payload: unknown) {
  const op = spec.webhooks[name]?.post;
  if (!op) throw new Error(`No webhook ${name} in GitHub's description`);
  const ref = op.requestBody.content['application/json'].schema.$ref as string;
  const validate = ajv.getSchema(`https://api.github.com/webhooks${ref}`)!;
  const ok = validate(payload);
  expect(ok ? [] : validate.errors).toEqual([]);
  // The headers GitHub documents as always present.
  return op.parameters
    .filter((p: any) => p.in === 'header' && p.required)
    .map((p: any) => String(p.name).toLowerCase());
}

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

const gitCli = (args: string[], cwd: string) =>
  runGit(args, cwd, {
    name: 'Sora Choi',
    email: 'sora.choi@launchpad.example',
  });

describe('organization webhook deliveries', () => {
  const SECRET = 'webhook-test-secret';
  let gh: TestStandIn;
  let receiver: http.Server;
  let work: string;
  const received: Received[] = [];
  let answer = 202;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>(r => receiver.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${
      (receiver.address() as AddressInfo).port
    }/api/events/http/github`;
    gh = await startTestStandIn({ webhook: { url, secret: SECRET } });
    work = tempDir('gh-standin-webhooks-');
  });
  afterAll(async () => {
    await gh.cleanup();
    await new Promise(r => receiver.close(r));
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** The deliveries of one event since `from`, once all queued ones were sent. */
  async function deliveries(event: string, from: number) {
    await gh.webhooks!.idle();
    return received
      .slice(from)
      .filter(r => r.headers['x-github-event'] === event);
  }

  async function expectSigned(r: Received) {
    const signature = r.headers['x-hub-signature-256'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verify(SECRET, r.body, signature)).toBe(true);
    expect(await verify('another-secret', r.body, signature)).toBe(false);
  }

  it('sends repository.created and a push listing the added catalog file, signed and shaped like GitHub', async () => {
    const from = received.length;
    const created = await gh.call('/api/v3/orgs/launchpad-demo/repos', {
      method: 'POST',
      body: JSON.stringify({ name: 'webhook-demo', visibility: 'private' }),
    });
    expect(created.status).toBe(201);
    const [repoEvent] = await deliveries('repository', from);
    await expectSigned(repoEvent);
    const repoPayload = JSON.parse(repoEvent.body);
    expect(repoPayload).toMatchObject({
      action: 'created',
      repository: { full_name: 'launchpad-demo/webhook-demo' },
      organization: { login: 'launchpad-demo' },
      sender: { login: 'minji-park' },
    });
    const required = expectWebhookShape('repository-created', repoPayload);
    for (const header of required)
      expect(repoEvent.headers[header]).toBeTruthy();
    expect(repoEvent.headers['content-type']).toBe('application/json');
    expect(repoEvent.headers['x-github-hook-installation-target-type']).toBe(
      'organization',
    );

    // First push: catalog-info.yaml is added on main.
    const dir = join(work, 'webhook-demo');
    const remote = new URL(`${gh.url}/launchpad-demo/webhook-demo.git`);
    remote.username = 'x-access-token';
    remote.password = TEST_TOKEN;
    await gitCli(['clone', '--quiet', remote.toString(), dir], work);
    fs.writeFileSync(join(dir, 'catalog-info.yaml'), 'kind: Component\n');
    fs.writeFileSync(join(dir, 'README.md'), '# demo\n');
    await gitCli(['symbolic-ref', 'HEAD', 'refs/heads/main'], dir);
    await gitCli(['add', '.'], dir);
    await gitCli(['commit', '-q', '-m', 'Add catalog-info.yaml'], dir);
    await gitCli(['push', '-q', 'origin', 'main'], dir);
    const [first] = await deliveries('push', from);
    await expectSigned(first);
    const push = JSON.parse(first.body);
    expectWebhookShape('push', push);
    const head = (await gitCli(['rev-parse', 'HEAD'], dir)).stdout.trim();
    expect(push).toMatchObject({
      ref: 'refs/heads/main',
      before: '0000000000000000000000000000000000000000',
      after: head,
      created: true,
      deleted: false,
      repository: {
        name: 'webhook-demo',
        html_url: `${gh.url}/launchpad-demo/webhook-demo`,
        default_branch: 'main',
        owner: { login: 'launchpad-demo' },
      },
      organization: { login: 'launchpad-demo' },
      pusher: { name: 'minji-park' },
    });
    expect(push.commits).toHaveLength(1);
    expect(push.commits[0]).toMatchObject({
      id: head,
      message: 'Add catalog-info.yaml',
      added: ['README.md', 'catalog-info.yaml'],
      removed: [],
      modified: [],
      author: { name: 'Sora Choi', email: 'sora.choi@launchpad.example' },
    });
    expect(push.head_commit.id).toBe(head);

    // Second push: the catalog file is modified, the README removed.
    const from2 = received.length;
    fs.writeFileSync(
      join(dir, 'catalog-info.yaml'),
      'kind: Component\n# changed\n',
    );
    fs.rmSync(join(dir, 'README.md'));
    await gitCli(['commit', '-q', '-am', 'Change the catalog file'], dir);
    await gitCli(['push', '-q', 'origin', 'main'], dir);
    const [second] = await deliveries('push', from2);
    const push2 = JSON.parse(second.body);
    expectWebhookShape('push', push2);
    expect(push2).toMatchObject({ before: head, created: false });
    expect(
      push2.commits.map((c: any) => [c.added, c.removed, c.modified]),
    ).toEqual([[[], ['README.md'], ['catalog-info.yaml']]]);
    expect(second.headers['x-github-delivery']).not.toBe(
      first.headers['x-github-delivery'],
    );
  });

  it('sends membership.added and .removed when a team changes, and the team API follows', async () => {
    const from = received.length;
    const put = await gh.call(
      '/api/v3/orgs/launchpad-demo/teams/payments/memberships/junho-lee',
      { method: 'PUT', body: JSON.stringify({ role: 'member' }) },
    );
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ role: 'member', state: 'active' });
    const members = await (
      await gh.call('/api/v3/orgs/launchpad-demo/teams/payments/members')
    ).json();
    expect(members.map((m: any) => m.login)).toContain('junho-lee');
    const [added] = await deliveries('membership', from);
    await expectSigned(added);
    const addedPayload = JSON.parse(added.body);
    expectWebhookShape('membership-added', addedPayload);
    expect(addedPayload).toMatchObject({
      action: 'added',
      scope: 'team',
      member: { login: 'junho-lee' },
      team: { slug: 'payments' },
      organization: { login: 'launchpad-demo' },
      sender: { login: 'minji-park' },
    });

    const from2 = received.length;
    const del = await gh.call(
      '/api/v3/orgs/launchpad-demo/teams/payments/memberships/junho-lee',
      { method: 'DELETE' },
    );
    expect(del.status).toBe(204);
    const [removed] = await deliveries('membership', from2);
    const removedPayload = JSON.parse(removed.body);
    expectWebhookShape('membership-removed', removedPayload);
    expect(removedPayload).toMatchObject({
      action: 'removed',
      member: { login: 'junho-lee' },
    });
  });

  it('refuses membership changes for an outsider, without a token or for an unknown team, sending nothing', async () => {
    const from = received.length;
    // olivia-outside is not an organization member.
    const outsider = await gh.call(
      '/api/v3/orgs/launchpad-demo/teams/payments/memberships/olivia-outside',
      { method: 'PUT', body: '{}' },
    );
    expect(outsider.status).toBe(422);
    const anonymous = await gh.call(
      '/api/v3/orgs/launchpad-demo/teams/payments/memberships/junho-lee',
      { method: 'PUT', body: '{}', token: null },
    );
    expect(anonymous.status).toBe(401);
    const unknownTeam = await gh.call(
      '/api/v3/orgs/launchpad-demo/teams/nope/memberships/junho-lee',
      { method: 'PUT', body: '{}' },
    );
    expect(unknownTeam.status).toBe(404);
    await gh.webhooks!.idle();
    expect(received.slice(from)).toEqual([]);
  });

  it('keeps a delivery the receiver refused in the delivery log, with its status', async () => {
    answer = 403;
    try {
      await gh.call(
        '/api/v3/orgs/launchpad-demo/teams/platform/memberships/sora-choi',
        {
          method: 'PUT',
          body: '{}',
        },
      );
      await gh.webhooks!.idle();
      const log = await (
        await gh.call('/_standin/webhooks/deliveries', { token: null })
      ).json();
      expect(log[log.length - 1]).toMatchObject({
        event: 'membership',
        action: 'added',
        status: 403,
      });
      expect(JSON.stringify(log)).not.toContain(SECRET);
    } finally {
      answer = 202;
    }
  });

  it('signs exactly as @octokit/webhooks-methods does', async () => {
    const body = JSON.stringify({ zen: 'Keep it logically awesome.' });
    expect(await verify(SECRET, body, signPayload(SECRET, body))).toBe(true);
  });
});
