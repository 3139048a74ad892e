import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../http/html';
import { renderPage } from './layout';

describe('login pages', () => {
  it('escape every character that could end an attribute or start a tag', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('use the branding colours and logo when they are plain values, and ignore what could break out', () => {
    const branded = renderPage(
      {
        colors: { primary: '#0059d6', page_background: '#000000' },
        logo_url: 'https://cdn.example.com/logo.png',
      },
      { title: 'Log in', body: '' },
    );
    expect(branded.html).toContain('background:#000000');
    expect(branded.html).toContain('background:#0059d6');
    expect(branded.html).toContain('src="https://cdn.example.com/logo.png"');
    const hostile = renderPage(
      { colors: { primary: 'red;}</style><script>x()</script>' }, logo_url: 'javascript:alert(1)' },
      { title: '<b>', body: '' },
    );
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).not.toContain('javascript:');
    expect(hostile.html).toContain('<title>&lt;b&gt;</title>');
  });

  it('forbid framing and scripts, allowing only its own nonce-tagged style', () => {
    const page = renderPage({}, { title: 'x', body: '' });
    const policy = String(page.headers?.['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(policy).toMatch(
      /^default-src 'none'; style-src 'nonce-[^']+'; img-src https: data:; frame-ancestors 'none'; base-uri 'none'$/,
    );
    expect(page.html).toContain(`<style nonce="${nonce}">`);
    expect(page.headers?.['x-frame-options']).toBe('deny');
  });
});
