/**
 * What `npm run login` prints: the decoded tokens' claims, what each Action did (its api calls, its
 * console output, its error), then who signed in and how it ended. Never a password, a code, a raw token
 * or a refresh token: the claims are what a person checks, and the steps are already cut (steps.ts).
 */
import type { ActionTrace } from '../local-tenant/authentication/contract';
import type { LoginTraceRecord } from '../local-tenant/authentication/login-traces';
import type { HeadlessLoginResult } from './headless-login';

export interface LoginReport {
  tenant: string;
  client: string;
  user: string;
  result: HeadlessLoginResult;
  /** This login's traces, or why there are none. */
  traces: LoginTraceRecord | string | undefined;
}

const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');

function actionLines(trigger: string, traces: ActionTrace[]): string[] {
  if (traces.length === 0) return [`${trigger}: no Action ran`];
  return traces.flatMap((trace) => [
    `${trigger} ${trace.actionName} (${trace.durationMs} ms${trace.runtime ? `, ${trace.runtime}` : ''})`,
    `  api calls: ${trace.calls.length > 0 ? trace.calls.join(', ') : 'none'}`,
    ...(trace.logs.length > 0
      ? ['  console:', ...trace.logs.map((line) => `    [${line.level}] ${line.message}`)]
      : ['  console: nothing']),
    ...(trace.error !== undefined ? [`  error: ${trace.error}`] : []),
    ...(trace.violations ?? []).map((violation) => `  ignored by Auth0: ${violation}`),
  ]);
}

export function formatLoginText(report: LoginReport): string {
  const { result } = report;
  const lines: string[] = [];
  if (result.kind === 'tokens') {
    lines.push('ID token claims:', indent(JSON.stringify(result.idTokenClaims, null, 2)));
    lines.push(
      'Access token claims:',
      result.accessTokenClaims
        ? indent(JSON.stringify(result.accessTokenClaims, null, 2))
        : '  (not a JWT: no API was asked for)',
    );
  }
  lines.push('Actions:');
  if (typeof report.traces === 'string') lines.push(`  ${report.traces}`);
  else if (report.traces === undefined) lines.push('  none ran in this login');
  else {
    if (report.traces.preUserRegistration)
      lines.push(
        ...actionLines('pre-user-registration', report.traces.preUserRegistration).map((l) => `  ${l}`),
      );
    if (report.traces.postLogin)
      lines.push(...actionLines('post-login', report.traces.postLogin).map((l) => `  ${l}`));
  }
  lines.push(
    'Steps:',
    ...result.steps.map(
      (step) => `  ${step.method} ${step.path} ${step.status}${step.location ? ` -> ${step.location}` : ''}`,
    ),
  );
  lines.push(`User: ${report.user}, client: ${report.client}, ${report.tenant}`);
  if (result.kind === 'tokens') {
    const extras = [
      result.refreshToken !== undefined ? 'a refresh token was issued' : 'no refresh token',
      ...(result.totpSecret !== undefined
        ? [`an authenticator was enrolled: sign in again with --totp-secret ${result.totpSecret}`]
        : []),
    ];
    lines.push(`Result: signed in (${extras.join('; ')})`);
  } else if (result.kind === 'denied') lines.push(`Result: denied: ${result.error}: ${result.description}`);
  else lines.push(`Result: refused (${result.status}): ${result.message}`);
  return `${lines.join('\n')}\n`;
}

/** One JSON document: the same facts, for tools. */
export function formatLoginJson(report: LoginReport): string {
  const { result } = report;
  const outcome =
    result.kind === 'tokens'
      ? {
          idTokenClaims: result.idTokenClaims,
          accessTokenClaims: result.accessTokenClaims ?? null,
          refreshTokenIssued: result.refreshToken !== undefined,
          ...(result.totpSecret !== undefined ? { totpSecret: result.totpSecret } : {}),
        }
      : result.kind === 'denied'
        ? { error: result.error, description: result.description }
        : { status: result.status, message: result.message };
  return `${JSON.stringify(
    {
      tenant: report.tenant,
      client: report.client,
      user: report.user,
      result: result.kind,
      ...outcome,
      actions: typeof report.traces === 'object' ? report.traces : null,
      ...(typeof report.traces === 'string' ? { actionsMissing: report.traces } : {}),
      steps: result.steps,
    },
    null,
    2,
  )}\n`;
}
