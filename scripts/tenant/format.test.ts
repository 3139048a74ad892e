import { describe, expect, it } from 'vitest';
import { formatGithub, formatJson, formatText } from './format';
import type { Problem } from './problem';

function problem(overrides: Partial<Problem> = {}): Problem {
  return {
    file: 'tenant/environments/prod.yaml',
    line: 42,
    column: 7,
    path: 'clients[Documents SPA].callbacks[1]',
    rule: 'urls/https-only',
    severity: 'error',
    message: 'callback "http://app.example.com/cb" of client "Documents SPA" is not https',
    hint: 'use https',
    ...overrides,
  };
}

describe('report formats', () => {
  it('text: one line per problem, its hint under the rule, and a summary', () => {
    const text = formatText({
      env: 'prod',
      problems: [
        problem(),
        problem({ severity: 'warning', rule: 'urls/no-wildcards', line: 43, hint: 'list each URL' }),
      ],
      waived: [],
    });

    expect(text).toBe(
      [
        'tenant/environments/prod.yaml:42:7  error  urls/https-only  callback "http://app.example.com/cb" of client "Documents SPA" is not https',
        '                                           hint: use https',
        'tenant/environments/prod.yaml:43:7  warning  urls/no-wildcards  callback "http://app.example.com/cb" of client "Documents SPA" is not https',
        '                                             hint: list each URL',
        '',
        'check failed for environment "prod": 1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('text: a clean run says so', () => {
    expect(formatText({ env: 'dev', problems: [], waived: [] })).toBe(
      'check passed for environment "dev": no problems\n',
    );
  });

  it('github: workflow commands with escaped properties and message', () => {
    const output = formatGithub({
      env: 'prod',
      problems: [problem({ file: 'a,b:c.yaml', message: '50% done\nnext' })],
      waived: [],
    });

    expect(output.split('\n')[0]).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=42,col=7,title=urls/https-only::50%25 done%0Anext%0Ahint: use https',
    );
  });

  it('json: the problems as data, with counts', () => {
    const report = JSON.parse(formatJson({ env: 'prod', problems: [problem()], waived: [] }));

    expect(report).toEqual({
      env: 'prod',
      ok: false,
      errors: 1,
      warnings: 0,
      problems: [problem()],
      waived: [],
    });
  });

  it('prints control characters from the tenant as escapes, never as terminal commands', () => {
    const hostile = problem({
      message:
        'client "\u001b[2J\u001b[32mall good\u001b[0m" has a newline\nhere and a \u202eright-to-left override',
      hint: 'rename "\u001b]8;;https://evil.example\u0007link"',
    });

    const outputs = [
      formatText({ env: 'prod', problems: [hostile], waived: [] }),
      formatGithub({ env: 'prod', problems: [hostile], waived: [] }),
    ];

    const acting = (text: string) =>
      [...text].filter((character) => {
        const code = character.charCodeAt(0);
        return (code < 0x20 && code !== 0x0a) || code === 0x202e;
      });
    for (const output of outputs) {
      expect(acting(output)).toEqual([]);
      expect(output).toContain('\\x1b[2J\\x1b[32mall good\\x1b[0m');
      expect(output).toContain('\\u202eright-to-left');
    }
    expect(outputs[0]?.split('\n')[0]).toContain('has a newline\\nhere');
    expect(outputs[1]).toContain('has a newline%0Ahere');
    expect(JSON.parse(formatJson({ env: 'prod', problems: [hostile], waived: [] })).problems[0].message).toBe(
      hostile.message,
    );
  });
});
