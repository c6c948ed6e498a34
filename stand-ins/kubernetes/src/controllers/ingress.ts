/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */

// Ingresses: the ALB hostname the AWS Load Balancer Controller gives them.

import { StoredEntry } from '../store';
import { digest } from '../objects';
import { ControllerContext } from './context';

/** The hostname the AWS Load Balancer Controller would give the Ingress's ALB. */
export function albHostname(region: string, namespace: string, name: string) {
  const b = digest(`alb/${namespace}/${name}`);
  const hash = b.toString('hex').slice(0, 10);
  const number = b.readUInt32BE(8) % 1000000000;
  return `k8s-${namespace.slice(0, 8)}-${name.slice(
    0,
    8,
  )}-${hash}-${number}.${region}.elb.amazonaws.com`.replace(/-+/g, '-');
}

export function reconcileIngress(ctx: ControllerContext, entry: StoredEntry) {
  ctx.update(entry, ing => {
    ing.status = {
      loadBalancer: {
        ingress: [
          {
            hostname: albHostname(
              ctx.region,
              ing.metadata.namespace!,
              ing.metadata.name,
            ),
          },
        ],
      },
    };
  });
}
