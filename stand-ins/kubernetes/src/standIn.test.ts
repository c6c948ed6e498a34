import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import { KubernetesStandIn, createKubernetesStandIn } from './standIn';
import { POD_STATE_ANNOTATION } from './cluster';
import {
  demoManifests,
  expectValidObject,
  tempDir,
  removeTempDirs,
} from './testing';

afterAll(() => removeTempDirs());

const TOKEN = 'test-token';
const SELECTOR = 'backstage.io/kubernetes-id=demo';

describe('Kubernetes stand-in', () => {
  const running: KubernetesStandIn[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map(s => s.stop()));
  });

  async function start(dataDir = tempDir()) {
    const standIn = await createKubernetesStandIn({
      port: 0,
      token: TOKEN,
      dataDir,
    });
    running.push(standIn);
    return standIn;
  }

  async function get(
    standIn: KubernetesStandIn,
    path: string,
    token: string | null = TOKEN,
  ) {
    const res = await fetch(`${standIn.url}${path}`, {
      headers: token !== null ? { authorization: `Bearer ${token}` } : {},
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // text/plain (logs)
    }
    return { status: res.status, body };
  }

  const listPath = (
    t: { group: string; apiVersion: string; plural: string },
    namespace?: string,
    selector = SELECTOR,
  ) =>
    `${t.group ? `/apis/${t.group}/${t.apiVersion}` : `/api/${t.apiVersion}`}${
      namespace ? `/namespaces/${namespace}` : ''
    }/${t.plural}?labelSelector=${encodeURIComponent(selector)}`;

  /** Asserts the List envelope and validates every item; returns the items. */
  function expectList(
    body: any,
    t: { group: string; apiVersion: string },
    kind: string,
  ) {
    const apiVersion = t.group ? `${t.group}/${t.apiVersion}` : t.apiVersion;
    expect(body).toMatchObject({
      kind: `${kind}List`,
      apiVersion,
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
    });
    expect(Array.isArray(body.items)).toBe(true);
    for (const item of body.items) expectValidObject(item, apiVersion, kind);
    return body.items as any[];
  }

  const KINDS: Record<string, string> = {
    pods: 'Pod',
    services: 'Service',
    configmaps: 'ConfigMap',
    limitranges: 'LimitRange',
    resourcequotas: 'ResourceQuota',
    deployments: 'Deployment',
    replicasets: 'ReplicaSet',
    horizontalpodautoscalers: 'HorizontalPodAutoscaler',
    jobs: 'Job',
    cronjobs: 'CronJob',
    ingresses: 'Ingress',
    statefulsets: 'StatefulSet',
    daemonsets: 'DaemonSet',
  };
  const APPLIED = [
    'pods',
    'services',
    'configmaps',
    'deployments',
    'replicasets',
    'horizontalpodautoscalers',
    'ingresses',
  ];

  it('answers every list the Kubernetes backend makes, cluster-wide and namespaced, with valid objects', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );

    expect(DEFAULT_OBJECTS.map(o => o.plural).sort()).toEqual(
      Object.keys(KINDS).sort(),
    );
    for (const t of DEFAULT_OBJECTS) {
      for (const namespace of [undefined, 'demo']) {
        const { status, body } = await get(standIn, listPath(t, namespace));
        expect({ path: listPath(t, namespace), status }).toEqual({
          path: listPath(t, namespace),
          status: 200,
        });
        const items = expectList(body, t, KINDS[t.plural]);
        expect({ plural: t.plural, found: items.length > 0 }).toEqual({
          plural: t.plural,
          found: APPLIED.includes(t.plural),
        });
        for (const item of items) {
          expect(item.metadata.namespace).toBe('demo');
          expect(item.metadata.labels['backstage.io/kubernetes-id']).toBe(
            'demo',
          );
          expect(item.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
          expect(item.metadata.creationTimestamp).toMatch(
            /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
          );
          expect(item.metadata.resourceVersion).toMatch(/^\d+$/);
        }
      }
    }
    // The other namespace's objects are there too, under their own label.
    const { body } = await get(
      standIn,
      listPath(
        { group: 'apps', apiVersion: 'v1', plural: 'deployments' },
        undefined,
        'backstage.io/kubernetes-id=other',
      ),
    );
    expect(body.items.map((d: any) => d.metadata.namespace)).toEqual(['other']);
  });

  it('runs a Deployment as a ReplicaSet and ready, running pods', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');

    const deployments = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/deployments')
    ).body.items;
    expect(deployments).toHaveLength(1);
    const [deployment] = deployments;
    expect(deployment.metadata.generation).toBe(1);
    expect(deployment.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    expect(deployment.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
        }),
        expect.objectContaining({
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
        }),
      ]),
    );

    const [rs] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/replicasets')
    ).body.items;
    const hash = rs.metadata.labels['pod-template-hash'];
    expect(hash).toMatch(/^[a-z0-9]{6,10}$/);
    expect(rs.metadata.name).toBe(`demo-${hash}`);
    expect(rs.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'demo',
        uid: deployment.metadata.uid,
        controller: true,
      }),
    ]);
    expect(rs.metadata.annotations['deployment.kubernetes.io/revision']).toBe(
      '1',
    );
    expect(rs.spec.selector.matchLabels).toEqual({
      app: 'demo',
      'pod-template-hash': hash,
    });
    expect(rs.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });

    const pods = (
      await get(
        standIn,
        `/api/v1/namespaces/demo/pods?labelSelector=${encodeURIComponent(
          SELECTOR,
        )}`,
      )
    ).body.items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        new RegExp(`^demo-${hash}-[a-z0-9]{5}$`),
      );
      expect(pod.metadata.labels['pod-template-hash']).toBe(hash);
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: rs.metadata.name,
          uid: rs.metadata.uid,
        }),
      ]);
      expect(pod.status.phase).toBe('Running');
      expect(pod.status.podIP).toMatch(/^10\.0\.\d+\.\d+$/);
      expect(pod.status.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'Ready', status: 'True' }),
        ]),
      );
      expect(pod.status.containerStatuses).toEqual([
        expect.objectContaining({
          name: 'app',
          image: '123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/demo:1.0.0',
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: expect.any(String) } },
        }),
      ]);
      expect(pod.spec.nodeName).toMatch(/\.compute\.internal$/);
    }

    const [service] = (await get(standIn, '/api/v1/namespaces/demo/services'))
      .body.items;
    expect(service.spec.clusterIP).toMatch(/^172\.20\.\d+\.\d+$/);
    expect(service.spec.ports[0]).toMatchObject({
      port: 80,
      targetPort: 'http',
      protocol: 'TCP',
    });
    const [ingress] = (
      await get(standIn, '/apis/networking.k8s.io/v1/namespaces/demo/ingresses')
    ).body.items;
    expect(ingress.status.loadBalancer.ingress[0].hostname).toMatch(
      /^k8s-demo-demo-[0-9a-f]{10}-\d+\.ap-northeast-2\.elb\.amazonaws\.com$/,
    );
    const [hpa] = (
      await get(
        standIn,
        '/apis/autoscaling/v2/namespaces/demo/horizontalpodautoscalers',
      )
    ).body.items;
    expect(hpa.status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 2,
    });
    expect(hpa.status.currentMetrics[0].resource).toMatchObject({
      name: 'cpu',
      current: { averageUtilization: expect.any(Number) },
    });

    // Single objects carry apiVersion and kind and validate too.
    const single = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pods[0].metadata.name}`,
    );
    expect(single.body).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expectValidObject(single.body);
    // Pod metrics for the backend's usage columns.
    const metrics = await get(
      standIn,
      `/apis/metrics.k8s.io/v1beta1/namespaces/demo/pods?labelSelector=${encodeURIComponent(
        SELECTOR,
      )}`,
    );
    expect(metrics.status).toBe(200);
    expect(metrics.body.kind).toBe('PodMetricsList');
    expect(metrics.body.items.map((m: any) => m.metadata.name).sort()).toEqual(
      pods.map((p: any) => p.metadata.name).sort(),
    );
    expect(metrics.body.items[0].containers[0].usage).toEqual({
      cpu: expect.stringMatching(/^\d+n$/),
      memory: expect.stringMatching(/^\d+Ki$/),
    });
  });

  it('filters by equality and set-based label selectors, and rejects malformed ones', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );
    const names = async (selector: string) =>
      (
        await get(
          standIn,
          `/apis/apps/v1/deployments?labelSelector=${encodeURIComponent(
            selector,
          )}`,
        )
      ).body.items
        .map((d: any) => d.metadata.name)
        .sort();

    expect(await names('backstage.io/kubernetes-id=demo')).toEqual(['demo']);
    expect(await names('backstage.io/kubernetes-id==demo')).toEqual(['demo']);
    expect(await names('backstage.io/kubernetes-id!=demo')).toEqual(['other']);
    expect(await names('backstage.io/kubernetes-id in (demo, other)')).toEqual([
      'demo',
      'other',
    ]);
    expect(await names('backstage.io/kubernetes-id notin (demo)')).toEqual([
      'other',
    ]);
    expect(await names('backstage.io/kubernetes-id,app=other')).toEqual([
      'other',
    ]);
    expect(await names('!backstage.io/kubernetes-id')).toEqual([]);
    expect(await names('backstage.io/kubernetes-id=unknown')).toEqual([]);
    expect(await names('')).toEqual(['demo', 'other']);

    const bad = await get(
      standIn,
      `/api/v1/pods?labelSelector=${encodeURIComponent('app in (demo')}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
    });
  });

  it('answers an unknown label with an empty list, not an error', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const { status, body } = await get(
      standIn,
      `/api/v1/pods?labelSelector=${encodeURIComponent(
        'backstage.io/kubernetes-id=nope',
      )}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'PodList',
      apiVersion: 'v1',
      items: [],
    });
  });

  it('refuses a missing or wrong bearer token with a 401 Status, but serves /version', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    for (const token of ['wrong-token', '', null]) {
      const { status, body } = await get(standIn, '/api/v1/pods', token);
      expect(status).toBe(401);
      expect(body).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
    const admin = await fetch(`${standIn.url}/_standin/apply`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer wrong',
        'content-type': 'application/json',
      },
      body: '[]',
    });
    expect(admin.status).toBe(401);
    const version = await get(standIn, '/version', null);
    expect(version.status).toBe(200);
    expect(version.body).toMatchObject({
      major: '1',
      minor: '32',
      gitVersion: expect.stringMatching(/^v1\.32\./),
    });
  });

  it('answers a denied resource with an RBAC-style 403 Status, leaving others readable', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    standIn.deny(['deployments.apps']);

    const clusterWide = await get(standIn, '/apis/apps/v1/deployments');
    expect(clusterWide.status).toBe(403);
    expect(clusterWide.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
      details: { group: 'apps', kind: 'deployments' },
      message:
        'deployments.apps is forbidden: User "system:serviceaccount:launchpad:launchpad-portal" cannot list resource "deployments" in API group "apps" at the cluster scope',
    });
    const namespaced = await get(
      standIn,
      '/apis/apps/v1/namespaces/demo/deployments',
    );
    expect(namespaced.body.message).toContain('in the namespace "demo"');
    expect((await get(standIn, '/api/v1/pods')).status).toBe(200);

    // The same through the admin endpoint, for the running sandbox.
    const put = await fetch(`${standIn.url}/_standin/denied`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(['pods']),
    });
    expect(put.status).toBe(200);
    expect((await get(standIn, '/apis/apps/v1/deployments')).status).toBe(200);
    const pods = await get(standIn, '/api/v1/namespaces/demo/pods');
    expect(pods.status).toBe(403);
    expect(pods.body.message).toBe(
      'pods is forbidden: User "system:serviceaccount:launchpad:launchpad-portal" cannot list resource "pods" in API group "" in the namespace "demo"',
    );

    // Logs are their own resource: readable while pods are denied, and deniable alone.
    standIn.deny(['pods/log']);
    const podName = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items[0].metadata.name;
    const log = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${podName}/log?container=app`,
    );
    expect(log.status).toBe(403);
    expect(log.body.message).toBe(
      `pods "${podName}" is forbidden: User "system:serviceaccount:launchpad:launchpad-portal" cannot get resource "pods/log" in API group "" in the namespace "demo"`,
    );
    standIn.deny(['pods']);
    expect(
      (
        await get(
          standIn,
          `/api/v1/namespaces/demo/pods/${podName}/log?container=app`,
        )
      ).status,
    ).toBe(200);
  });

  it('answers unknown resources and objects with a 404 Status', async () => {
    const standIn = await start();
    const unknownType = await get(standIn, '/apis/example.com/v1/widgets');
    expect(unknownType.status).toBe(404);
    expect(unknownType.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      code: 404,
    });
    const unknownPod = await get(standIn, '/api/v1/namespaces/demo/pods/nope');
    expect(unknownPod.status).toBe(404);
    expect(unknownPod.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'pods "nope" not found',
      details: { name: 'nope', kind: 'pods', group: '' },
    });
    const write = await fetch(`${standIn.url}/api/v1/namespaces/demo/pods`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(write.status).toBe(405);
  });

  it('serves discovery for the client and the proxy', async () => {
    const standIn = await start();
    const api = await get(standIn, '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = await get(standIn, '/apis');
    expect(apis.body.kind).toBe('APIGroupList');
    const groupNames = apis.body.groups.map((g: any) => g.name);
    expect(groupNames).toEqual(
      expect.arrayContaining([
        'apps',
        'autoscaling',
        'batch',
        'networking.k8s.io',
        'metrics.k8s.io',
      ]),
    );
    expect(
      apis.body.groups.find((g: any) => g.name === 'autoscaling')
        .preferredVersion,
    ).toEqual({
      groupVersion: 'autoscaling/v2',
      version: 'v2',
    });
    const core = await get(standIn, '/api/v1');
    expect(core.body).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'v1',
    });
    expect(core.body.resources.map((r: any) => r.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/log', 'services', 'events']),
    );
    const apps = await get(standIn, '/apis/apps/v1');
    expect(
      apps.body.resources.find((r: any) => r.name === 'deployments'),
    ).toMatchObject({
      kind: 'Deployment',
      namespaced: true,
      verbs: expect.arrayContaining(['list', 'get']),
    });
  });

  it('keeps its state across a restart', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    await first.apply(demoManifests('demo'), 'demo');
    const before = (await get(first, '/api/v1/pods')).body.items;
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(dataDir);
    const after = (await get(second, '/api/v1/pods')).body.items;
    expect(after.map((p: any) => [p.metadata.name, p.metadata.uid])).toEqual(
      before.map((p: any) => [p.metadata.name, p.metadata.uid]),
    );
    // Re-applying the same manifests after the restart changes nothing.
    await second.apply(demoManifests('demo'), 'demo');
    const again = (await get(second, '/api/v1/pods')).body.items;
    expect(again.map((p: any) => p.metadata.uid)).toEqual(
      after.map((p: any) => p.metadata.uid),
    );
    const [d] = (await get(second, '/apis/apps/v1/deployments')).body.items;
    expect(d.metadata.generation).toBe(1);
  });

  it('rolls a Deployment to a new ReplicaSet when the image changes', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const [oldRs] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/replicasets')
    ).body.items;

    await standIn.apply(
      demoManifests('demo', { image: 'ghcr.io/acme/demo:2.0.0' }),
      'demo',
    );
    const sets = (
      await get(
        standIn,
        `/apis/apps/v1/namespaces/demo/replicasets?labelSelector=${encodeURIComponent(
          SELECTOR,
        )}`,
      )
    ).body.items;
    expect(sets).toHaveLength(2);
    const newRs = sets.find((r: any) => r.metadata.uid !== oldRs.metadata.uid);
    const keptOld = sets.find(
      (r: any) => r.metadata.uid === oldRs.metadata.uid,
    );
    expect(newRs.metadata.name).not.toBe(oldRs.metadata.name);
    expect(
      newRs.metadata.annotations['deployment.kubernetes.io/revision'],
    ).toBe('2');
    expect(newRs.spec.replicas).toBe(2);
    expect(keptOld.spec.replicas).toBe(0);
    expect(keptOld.status.replicas).toBe(0);

    const pods = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expect(pod.metadata.ownerReferences[0].uid).toBe(newRs.metadata.uid);
      expect(pod.status.containerStatuses[0].image).toBe(
        'ghcr.io/acme/demo:2.0.0',
      );
    }
    const [d] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/deployments')
    ).body.items;
    expect(d.metadata.generation).toBe(2);
    expect(d.status).toMatchObject({
      observedGeneration: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
    });
    expect(d.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/acme/demo:2.0.0',
    );

    const events = (
      await get(
        standIn,
        `/api/v1/namespaces/demo/events?fieldSelector=${encodeURIComponent(
          'involvedObject.name=demo,involvedObject.kind=Deployment',
        )}`,
      )
    ).body;
    expect(events.kind).toBe('EventList');
    for (const e of events.items) expectValidObject(e, 'v1', 'Event');
    expect(events.items.map((e: any) => e.message)).toEqual(
      expect.arrayContaining([
        `Scaled up replica set ${oldRs.metadata.name} from 0 to 2`,
        `Scaled up replica set ${newRs.metadata.name} from 0 to 2`,
        `Scaled down replica set ${oldRs.metadata.name} from 2 to 0`,
      ]),
    );
  });

  it('deleteBySource removes what a source applied and what its controllers made, nothing else', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    await standIn.apply(
      demoManifests('other', { namespace: 'other' }),
      'other',
    );
    expect(await standIn.deleteBySource('demo')).toBe(5);
    for (const t of DEFAULT_OBJECTS) {
      const ns = await get(standIn, listPath(t, 'demo', ''));
      expect({ plural: t.plural, items: ns.body.items }).toEqual({
        plural: t.plural,
        items: [],
      });
    }
    expect(
      (await get(standIn, '/api/v1/namespaces/demo/events')).body.items,
    ).toEqual([]);
    expect(
      (await get(standIn, '/api/v1/namespaces/other/pods')).body.items,
    ).toHaveLength(2);
  });

  it('prunes objects a source no longer applies when asked to', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const withoutIngress = demoManifests('demo').filter(
      o => o.kind !== 'Ingress',
    );
    await standIn.apply(withoutIngress, 'demo');
    expect(
      (await get(standIn, '/apis/networking.k8s.io/v1/ingresses')).body.items,
    ).toHaveLength(1);
    await standIn.apply(withoutIngress, 'demo', { prune: true });
    expect(
      (await get(standIn, '/apis/networking.k8s.io/v1/ingresses')).body.items,
    ).toHaveLength(0);
    expect(
      (await get(standIn, '/apis/apps/v1/deployments')).body.items,
    ).toHaveLength(1);
  });

  it('rejects invalid manifests as a whole, naming the problem', async () => {
    const standIn = await start();
    const broken = demoManifests('demo');
    broken[1].spec.template.spec.containers[0].ports[0].containerPort =
      'eight-thousand';
    await expect(standIn.apply(broken, 'demo')).rejects.toThrow(
      /Deployment "demo" is invalid: .*containerPort must be integer/,
    );
    const mismatch = demoManifests('demo');
    mismatch[1].spec.selector.matchLabels = { app: 'something-else' };
    await expect(standIn.apply(mismatch, 'demo')).rejects.toThrow(
      /`selector` does not match template `labels`/,
    );
    await expect(
      standIn.apply([
        {
          apiVersion: 'batch/v1beta1',
          kind: 'CronJob',
          metadata: { name: 'x' },
          spec: {},
        },
      ]),
    ).rejects.toThrow(
      /no matches for kind "CronJob" in version "batch\/v1beta1"/,
    );
    await expect(
      standIn.apply([
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } },
      ]),
    ).rejects.toThrow(/RFC 1123/);
    // Nothing from the rejected batches was stored.
    expect((await get(standIn, '/api/v1/configmaps')).body.items).toEqual([]);
  });

  it('applies through POST /_standin/apply and removes through DELETE /_standin/sources/{source}', async () => {
    const standIn = await start();
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    };
    const objects = demoManifests('demo').map(o => {
      const { namespace: _ns, ...metadata } = o.metadata;
      return { ...o, metadata };
    });
    const res = await fetch(`${standIn.url}/_standin/apply`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        objects,
        source: 'demo-app',
        namespace: 'team-a',
      }),
    });
    expect(res.status).toBe(200);
    const { applied } = await res.json();
    expect(applied).toContainEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'team-a',
      name: 'demo',
    });
    expect(
      (await get(standIn, '/api/v1/namespaces/team-a/pods')).body.items,
    ).toHaveLength(2);

    const bad = await fetch(`${standIn.url}/_standin/apply`, {
      method: 'POST',
      headers,
      body: '[{"kind":"Pod"}]',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('apiVersion is required');

    const del = await fetch(`${standIn.url}/_standin/sources/demo-app`, {
      method: 'DELETE',
      headers,
    });
    expect(await del.json()).toEqual({ deleted: 5 });
    expect(
      (await get(standIn, '/api/v1/namespaces/team-a/pods')).body.items,
    ).toEqual([]);
  });

  it('serves pod logs and replaces a deleted pod', async () => {
    const standIn = await start();
    await standIn.apply(demoManifests('demo'), 'demo');
    const [pod] = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    const logs = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=app`,
    );
    expect(logs.status).toBe(200);
    expect(logs.body).toContain(
      'INFO:     Uvicorn running on http://0.0.0.0:8000',
    );
    const tail = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=app&tailLines=1`,
    );
    expect(tail.body.trim().split('\n')).toHaveLength(1);
    const wrong = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=nope`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe(
      `container nope is not valid for pod ${pod.metadata.name}`,
    );
    const previous = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pod.metadata.name}/log?container=app&previous=`,
    );
    expect(previous.status).toBe(400);

    const del = await fetch(
      `${standIn.url}/api/v1/namespaces/demo/pods/${pod.metadata.name}`,
      {
        method: 'DELETE',
        headers: { authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(del.status).toBe(200);
    const pods = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    expect(pods).toHaveLength(2);
    expect(pods.map((p: any) => p.metadata.name)).not.toContain(
      pod.metadata.name,
    );
  });

  it('simulates a crash-looping workload when its pod template asks for it', async () => {
    const standIn = await start();
    const manifests = demoManifests('demo');
    manifests[1].spec.template.metadata.annotations = {
      [POD_STATE_ANNOTATION]: 'crash-loop',
    };
    await standIn.apply(manifests, 'demo');
    const pods = (await get(standIn, '/api/v1/namespaces/demo/pods')).body
      .items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      expectValidObject(pod, 'v1', 'Pod');
      const [cs] = pod.status.containerStatuses;
      expect(cs).toMatchObject({
        ready: false,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      });
      expect(cs.restartCount).toBeGreaterThan(0);
      expect(cs.lastState.terminated).toMatchObject({
        exitCode: 1,
        reason: 'Error',
      });
    }
    const [d] = (
      await get(standIn, '/apis/apps/v1/namespaces/demo/deployments')
    ).body.items;
    expect(d.status.readyReplicas).toBeUndefined();
    expect(d.status.conditions).toContainEqual(
      expect.objectContaining({
        type: 'Available',
        status: 'False',
        reason: 'MinimumReplicasUnavailable',
      }),
    );
    const previous = await get(
      standIn,
      `/api/v1/namespaces/demo/pods/${pods[0].metadata.name}/log?container=app&previous=`,
    );
    expect(previous.status).toBe(200);
    expect(previous.body).toContain(
      'ERROR:    Application startup failed. Exiting.',
    );
    const events = (
      await get(
        standIn,
        `/api/v1/namespaces/demo/events?fieldSelector=involvedObject.name=${pods[0].metadata.name}`,
      )
    ).body.items;
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'BackOff' }),
    );
  });

  it('serves an autoscaling/v1 HPA as autoscaling/v2, as the API server does', async () => {
    const standIn = await start();
    const manifests = demoManifests('demo').filter(
      o => o.kind !== 'HorizontalPodAutoscaler',
    );
    manifests.push({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'demo',
        namespace: 'demo',
        labels: { 'backstage.io/kubernetes-id': 'demo' },
      },
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'demo',
        },
        minReplicas: 3,
        maxReplicas: 6,
        targetCPUUtilizationPercentage: 60,
      },
    });
    await standIn.apply(manifests, 'demo');
    const { body } = await get(
      standIn,
      '/apis/autoscaling/v2/namespaces/demo/horizontalpodautoscalers',
    );
    const [hpa] = expectList(
      body,
      { group: 'autoscaling', apiVersion: 'v2' },
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 60 },
        },
      },
    ]);
    // minReplicas 3 scales the 2-replica Deployment up.
    expect(hpa.status).toMatchObject({
      currentReplicas: 3,
      desiredReplicas: 3,
    });
    expect(
      (await get(standIn, '/api/v1/namespaces/demo/pods')).body.items,
    ).toHaveLength(3);
  });

  it('stores and lists custom resources under their group, with kind on each item', async () => {
    const standIn = await start();
    await standIn.apply(
      [
        {
          apiVersion: 'external-secrets.io/v1beta1',
          kind: 'ExternalSecret',
          metadata: {
            name: 'demo-db',
            namespace: 'demo',
            labels: { 'backstage.io/kubernetes-id': 'demo' },
          },
          spec: { secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' } },
        },
      ],
      'demo',
    );
    const { status, body } = await get(
      standIn,
      `/apis/external-secrets.io/v1beta1/namespaces/demo/externalsecrets?labelSelector=${encodeURIComponent(
        SELECTOR,
      )}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'ExternalSecretList',
      apiVersion: 'external-secrets.io/v1beta1',
    });
    expect(body.items).toEqual([
      expect.objectContaining({
        apiVersion: 'external-secrets.io/v1beta1',
        kind: 'ExternalSecret',
        metadata: expect.objectContaining({ name: 'demo-db', generation: 1 }),
      }),
    ]);
    const groups = (await get(standIn, '/apis')).body.groups.map(
      (g: any) => g.name,
    );
    expect(groups).toContain('external-secrets.io');
  });

  it('runs StatefulSets, DaemonSets and Jobs with valid status', async () => {
    const standIn = await start();
    const labels = { 'backstage.io/kubernetes-id': 'batch' };
    const template = {
      metadata: { labels: { ...labels, app: 'batch' } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
    };
    await standIn.apply(
      [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'db', labels },
          spec: {
            replicas: 2,
            serviceName: 'db',
            selector: { matchLabels: { app: 'batch' } },
            template,
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          metadata: { name: 'agent', labels },
          spec: { selector: { matchLabels: { app: 'batch' } }, template },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'migrate', labels },
          spec: {
            template: {
              ...template,
              spec: { ...template.spec, restartPolicy: 'Never' },
            },
          },
        },
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'nightly', labels },
          spec: {
            schedule: '0 3 * * *',
            jobTemplate: {
              spec: {
                template: {
                  ...template,
                  spec: { ...template.spec, restartPolicy: 'OnFailure' },
                },
              },
            },
          },
        },
      ],
      'batch',
    );
    const sel = `labelSelector=${encodeURIComponent(
      'backstage.io/kubernetes-id=batch',
    )}`;
    const [sts] = expectList(
      (await get(standIn, `/apis/apps/v1/statefulsets?${sel}`)).body,
      { group: 'apps', apiVersion: 'v1' },
      'StatefulSet',
    );
    expect(sts.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    const [ds] = expectList(
      (await get(standIn, `/apis/apps/v1/daemonsets?${sel}`)).body,
      { group: 'apps', apiVersion: 'v1' },
      'DaemonSet',
    );
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 2,
      numberReady: 2,
    });
    const [job] = expectList(
      (await get(standIn, `/apis/batch/v1/jobs?${sel}`)).body,
      { group: 'batch', apiVersion: 'v1' },
      'Job',
    );
    expect(job.status).toMatchObject({ succeeded: 1 });
    expect(job.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Complete', status: 'True' }),
    );
    expectList(
      (await get(standIn, `/apis/batch/v1/cronjobs?${sel}`)).body,
      { group: 'batch', apiVersion: 'v1' },
      'CronJob',
    );
    const pods = expectList(
      (await get(standIn, `/api/v1/pods?${sel}`)).body,
      { group: '', apiVersion: 'v1' },
      'Pod',
    );
    expect(pods.map((p: any) => p.metadata.name)).toEqual(
      expect.arrayContaining(['db-0', 'db-1']),
    );
    expect(
      pods.filter((p: any) => p.status.phase === 'Succeeded'),
    ).toHaveLength(1);
    expect(pods).toHaveLength(2 + 2 + 1);
  });
});
