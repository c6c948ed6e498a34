/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Launchpad에 오신 것을 환영합니다 · Welcome to Launchpad

EKS와 Argo CD로 서비스를 운영하는 팀을 위한 개발자 포털입니다.
The developer portal for teams that run services on Amazon EKS with Argo CD.

### 처음이라면 이것부터 · Try this first

1. **[소프트웨어 카탈로그 · Catalog](/catalog)**: 팀의 서비스, API, 리소스와 소유자를 찾아보세요.
2. **[새 서비스 만들기 · Create](/create)**: *FastAPI service* 템플릿으로 저장소, CI, Kubernetes 매니페스트와
   Argo CD 애플리케이션을 한 번에 만드세요.
3. **[문서 · Docs](/docs)**: 포털 자체의 한국어 가이드(*Launchpad developer portal*)와 서비스 문서를 읽어보세요.
4. 서비스 페이지의 **Kubernetes** 탭과 **Argo CD** 카드에서 배포 상태를 확인하세요.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: '시작하기 · Getting started',
    description: 'What to try first in Launchpad',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
