/*
 * Copyright 2026 The Launchpad Authors
 * SPDX-License-Identifier: Apache-2.0
 */
import { authorizeForm } from './signIn';

describe('authorizeForm', () => {
  const page = `<form method="post">
<input type="hidden" name="client_id" value="cid">
<input type="hidden" name="redirect_uri" value="http://localhost:7007/frame?a=1&amp;b=&quot;2&quot;">
<input type="hidden" name="state" value="s&#39;t">
<button type="submit" name="login" value="minji-park" data-login="minji-park">Minji</button>
</form>`;

  it("submits the page's hidden inputs, decoded, with the chosen login", () => {
    expect(Object.fromEntries(authorizeForm(page, 'minji-park'))).toEqual({
      client_id: 'cid',
      redirect_uri: 'http://localhost:7007/frame?a=1&b="2"',
      state: "s't",
      login: 'minji-park',
    });
  });

  it('refuses a user the page does not offer', () => {
    expect(() => authorizeForm(page, 'olivia-outside')).toThrow(
      'the GitHub stand-in does not offer the user olivia-outside',
    );
  });
});
