/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Services: the defaults the API server fills in, and the load balancer status.

import { KubeObject, StoredEntry } from '../store';
import { digest } from '../objects';
import { ControllerContext } from './context';

export function defaultService(svc: KubeObject, prev?: KubeObject) {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.internalTrafficPolicy ??= 'Cluster';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
  if (spec.clusterIP === undefined) {
    const prevIp = prev?.spec?.clusterIP;
    if (prevIp) {
      spec.clusterIP = prevIp;
    } else {
      const b = digest(`${svc.metadata.namespace}/${svc.metadata.name}`);
      spec.clusterIP = `172.20.${b[0]}.${(b[1] % 253) + 1}`;
    }
  }
  spec.clusterIPs ??= [spec.clusterIP];
  const needsNodePort =
    spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  spec.ports = (spec.ports ?? []).map((p: any, i: number) => {
    const prevPort = prev?.spec?.ports?.find(
      (q: any) => q.port === p.port && q.name === p.name,
    );
    return {
      protocol: 'TCP',
      targetPort: p.port,
      ...p,
      ...(needsNodePort && {
        nodePort:
          p.nodePort ??
          prevPort?.nodePort ??
          30000 + (digest(`${svc.metadata.uid}/${i}`).readUInt16BE(0) % 2767),
      }),
    };
  });
  if (spec.type === 'LoadBalancer') {
    spec.externalTrafficPolicy ??= 'Cluster';
    spec.allocateLoadBalancerNodePorts ??= true;
  }
}

export function reconcileService(ctx: ControllerContext, entry: StoredEntry) {
  ctx.update(entry, svc => {
    if (svc.spec?.type === 'LoadBalancer') {
      const hex = digest(`${svc.metadata.namespace}/${svc.metadata.name}`)
        .toString('hex')
        .slice(0, 32);
      svc.status = {
        loadBalancer: {
          ingress: [
            {
              hostname: `a${hex.slice(1)}-${
                parseInt(hex.slice(0, 8), 16) % 10000000000
              }.${ctx.region}.elb.amazonaws.com`,
            },
          ],
        },
      };
    } else {
      svc.status = { loadBalancer: {} };
    }
  });
}
