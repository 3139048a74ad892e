import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { failureSummary } from '../../scripts/deploy/deploy';

describe('the job summary of a failed deploy', () => {
  it('keeps the whole error in its code block, fences and HTML in the message included', () => {
    const message = 'actions "x```\n</details>\n```\n**deployed: 0 created**": 400 Bad Request';
    const tokens = new MarkdownIt({ html: true }).parse(
      failureSummary('prod', new Error(message)).join('\n'),
      {},
    );

    expect(tokens.map((token) => token.type)).toEqual(['heading_open', 'inline', 'heading_close', 'fence']);
    expect(tokens[3]?.content).toBe(`${message}\n`);
  });
});
