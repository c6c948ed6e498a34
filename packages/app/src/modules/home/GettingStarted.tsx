/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * The home page's "Getting started" card. Plain elements rather than
 * MarkdownContent: the home page is the first page after sign-in, and the
 * Markdown renderer (react-markdown, micromark, parse5) would add about 70 kB
 * of gzipped JavaScript to it (packages/benchmarks/README.md).
 */
export function GettingStarted() {
  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        Launchpad에 오신 것을 환영합니다 · Welcome to Launchpad
      </Typography>
      <Typography paragraph>
        EKS와 Argo CD로 서비스를 운영하는 팀을 위한 개발자 포털입니다. The
        developer portal for teams that run services on Amazon EKS with Argo CD.
      </Typography>
      <Typography variant="h6" component="h3" gutterBottom>
        처음이라면 이것부터 · Try this first
      </Typography>
      <ol>
        <li>
          <Typography>
            <strong>
              <Link to="/catalog">소프트웨어 카탈로그 · Catalog</Link>
            </strong>
            : 팀의 서비스, API, 리소스와 소유자를 찾아보세요.
          </Typography>
        </li>
        <li>
          <Typography>
            <strong>
              <Link to="/create">새 서비스 만들기 · Create</Link>
            </strong>
            : <em>FastAPI service</em> 템플릿으로 저장소, CI, Kubernetes
            매니페스트와 Argo CD 애플리케이션을 한 번에 만드세요.
          </Typography>
        </li>
        <li>
          <Typography>
            <strong>
              <Link to="/docs">문서 · Docs</Link>
            </strong>
            : 포털 자체의 한국어 가이드(<em>Launchpad developer portal</em>)와
            서비스 문서를 읽어보세요.
          </Typography>
        </li>
        <li>
          <Typography>
            서비스 페이지의 <strong>Overview</strong>에서 Argo CD, CI,
            Kubernetes 상태를 한눈에 확인하세요.
          </Typography>
        </li>
      </ol>
    </>
  );
}
