/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML (and XML) pages: the OAuth page, avatars, the token answer in XML. */
export function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, c => HTML_ESCAPES[c]);
}
