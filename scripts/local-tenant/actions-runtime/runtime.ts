/**
 * `createActionsRuntime`: the local tenant runs what was deployed. The bound Actions' deployed versions
 * run in binding order in the sandbox worker (`worker-process.ts`), with the deployed secrets, against an
 * event built from the login's real state, and their api calls take effect with Auth0's semantics
 * (`post-login-flow.ts`). Paused flows (MFA now, a redirect) wait in memory for `resumePostLogin`.
 *
 * Limits (https://auth0.com/docs/customize/actions/limitations): a flow must finish within 20 s, or it
 * ends in an error; an Action that redirects has one budget before the redirect and one after. A
 * custom-database script has the same 20 s to call back.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { secretsInLogs } from '../../action-api/violations';
import type {
  ActionsRuntime,
  ActionTrace,
  PostLoginInput,
  PostLoginOutcome,
  PreUserRegistrationInput,
  PreUserRegistrationOutcome,
} from '../authentication/contract';
import type { TenantStore } from '../state/store';
import { type BoundAction, boundActions } from './bound-actions';
import { buildPostLoginEvent } from './post-login-event';
import { applyPostLoginRun, completeOutcome, type FlowState, type StepResult } from './post-login-flow';
import type {
  PostLoginRun,
  PostLoginStep,
  PreUserRegistrationRun,
  ScriptCallback,
  WorkerRequest,
} from './protocol';
import { redactSecrets } from './redact';
import { buildPreUserRegistrationEvent, registrationStep, scriptOutcome } from './registration-and-scripts';
import { RiskProfiles } from './risk-profiles';
import { type WorkerAnswer, WorkerProcess } from './worker-process';

/** Auth0's limit for a flow, and for a custom-database script to call back (see the module comment). */
export const FLOW_LIMIT_MS = 20_000;
/** The message a flow over its limit ends with (Auth0's execution log says it in these words). */
export const TIMEOUT_MESSAGE = 'Script execution time exceeded';
const PAUSED_FLOW_TTL_MS = 10 * 60 * 1000;

export interface ActionsRuntimeOptions {
  store: TenantStore;
  caFile: string;
  /** Where the Actions' declared packages and tools/node22 are found (default: this repository). */
  projectRoot?: string;
  /** The risk profiles logins are assessed with; share them with `riskControlRoutes`. */
  riskProfiles?: RiskProfiles;
  /** For tests: a shorter limit than Auth0's 20 s. */
  flowLimitMs?: number;
  scriptLimitMs?: number;
  pausedFlowTtlMs?: number;
  node22?: string;
}

interface PausedFlow {
  state: FlowState;
  steps: BoundAction[];
  /** The next step to run; with `continueStep` its onContinuePostLogin runs first. */
  next: number;
  continueStep?: BoundAction;
  expiresAt: number;
}

export interface LocalActionsRuntime extends ActionsRuntime {
  readonly riskProfiles: RiskProfiles;
  /** `node22`, or the Node used instead and why. */
  readonly runtimeName: string;
  /** How long the sandbox took to start (bundle and first ready), ms; 0 before the first run. */
  readonly workerStartMs: number;
}

export function createActionsRuntime(options: ActionsRuntimeOptions): LocalActionsRuntime {
  const projectRoot = options.projectRoot ?? path.resolve(import.meta.dirname, '../../..');
  const worker = new WorkerProcess({ projectRoot, caFile: options.caFile, node22: options.node22 });
  const riskProfiles = options.riskProfiles ?? new RiskProfiles();
  const flowLimitMs = options.flowLimitMs ?? FLOW_LIMIT_MS;
  const scriptLimitMs = options.scriptLimitMs ?? FLOW_LIMIT_MS;
  const paused = new Map<string, PausedFlow>();

  const bound = (trigger: string) => boundActions(options.store.state, trigger);

  /** Runs one request; an unanswered one is the timeout message, a lost worker its reason. */
  const run = async <T>(
    request: WorkerRequest,
    timeoutMs: number,
    progress?: (found: PostLoginRun) => void,
  ): Promise<{ value: T } | { error: string }> => {
    const answer: WorkerAnswer = await worker.request(request, Math.max(1, timeoutMs), progress);
    if (answer.kind === 'reply') return { value: answer.value as T };
    if (answer.kind === 'timeout') return { error: TIMEOUT_MESSAGE };
    return { error: answer.error };
  };

  const trace = (
    step: BoundAction,
    found: { logs: ActionTrace['logs']; calls: string[]; durationMs: number; error?: string },
  ): ActionTrace => {
    const secretValues = Object.values(step.secrets);
    const leaks = secretsInLogs(
      step.secrets,
      found.logs.map((line) => line.message),
    ).map((violation) => `[${violation.rule}] ${violation.message}`);
    const error =
      found.error === undefined
        ? undefined
        : redactSecrets([{ level: 'error', message: found.error }], secretValues)[0]?.message;
    return {
      actionName: step.action.name,
      versionId: step.code.versionId,
      logs: redactSecrets(found.logs, secretValues),
      calls: found.calls,
      durationMs: Math.round(found.durationMs * 10) / 10,
      ...(error !== undefined ? { error } : {}),
      ...(leaks.length > 0 ? { violations: leaks } : {}),
      runtime: worker.runtime,
    };
  };

  /**
   * Runs the flow from `flow.next` (after `continueStep`'s onContinuePostLogin) within one budget, in one
   * worker request: the worker stops where this loop stops (it applies the same `applyPostLoginRun`), so
   * the runs it sends back are exactly the steps this loop applies, in order. A step that never answers
   * is the one after the last run received; the earlier ones keep their traces.
   */
  const proceed = async (flow: PausedFlow): Promise<PostLoginOutcome> => {
    const queue: [BoundAction, PostLoginStep['handler']][] = [];
    if (flow.continueStep) queue.push([flow.continueStep, 'onContinuePostLogin']);
    for (const step of flow.steps.slice(flow.next)) queue.push([step, 'onExecutePostLogin']);
    if (queue.length === 0) return completeOutcome(flow.state);
    const { event } = flow.state;
    const runs: PostLoginRun[] = [];
    let stepStarted = Date.now();
    const answer = await run<PostLoginRun[]>(
      {
        type: 'post-login-flow',
        steps: queue.map(([step, handler]) => ({ handler, version: step.code, secrets: step.secrets })),
        event: { ...event, secrets: {}, configuration: {} },
        claimRules: {
          audience: event.resource_server?.identifier,
          tenantHostnames: [event.request.hostname].filter((h): h is string => typeof h === 'string'),
          requireNamespacedClaims: false,
        },
      },
      flowLimitMs,
      (found) => {
        runs.push(found);
        stepStarted = Date.now();
      },
    );
    if ('value' in answer) runs.push(...answer.value);
    for (const [index, found] of runs.entries()) {
      const step = queue[index]?.[0];
      if (!step) break;
      const result = applyPostLoginRun(flow.state, trace(step, found), found);
      if (result.kind === 'end') return result.outcome;
      if (result.kind === 'pause') return pause(flow, step, result);
    }
    if ('error' in answer) {
      const step = queue[Math.min(runs.length, queue.length - 1)]?.[0];
      if (!step) return { kind: 'failed', error: answer.error, actions: flow.state.actions };
      const failedTrace = trace(step, {
        logs: [],
        calls: [],
        durationMs: Date.now() - stepStarted,
        error: answer.error,
      });
      flow.state.actions.push(failedTrace);
      return {
        kind: 'failed',
        error: `${step.action.name}: ${failedTrace.error}`,
        actions: flow.state.actions,
      };
    }
    return completeOutcome(flow.state);
  };

  /** The flow waits in memory after `step` (for MFA, or back from a redirect to its onContinuePostLogin). */
  const pause = (
    flow: PausedFlow,
    step: BoundAction,
    result: Extract<StepResult, { kind: 'pause' }>,
  ): PostLoginOutcome => {
    const flowId = randomUUID();
    paused.set(flowId, {
      state: flow.state,
      steps: flow.steps,
      next: flow.steps.indexOf(step) + 1,
      ...(result.redirect ? { continueStep: step } : {}),
      expiresAt: Date.now() + (options.pausedFlowTtlMs ?? PAUSED_FLOW_TTL_MS),
    });
    return {
      kind: 'paused',
      flowId,
      ...(result.mfa ? { mfa: result.mfa } : {}),
      ...(result.redirect ? { redirect: result.redirect } : {}),
      actions: flow.state.actions,
    };
  };

  const prune = () => {
    const now = Date.now();
    for (const [id, flow] of paused) if (flow.expiresAt <= now) paused.delete(id);
  };

  return {
    riskProfiles,
    get runtimeName() {
      return worker.runtime;
    },
    get workerStartMs() {
      return worker.startMs;
    },

    async postLogin(input: PostLoginInput): Promise<PostLoginOutcome> {
      prune();
      const steps = bound('post-login');
      if (typeof steps === 'string') return { kind: 'failed', error: steps, actions: [] };
      const data = buildPostLoginEvent(input, {
        tenantId: options.store.state.tenantName,
        riskAssessment: riskProfiles.assessmentFor(input.request.ip),
      });
      const state: FlowState = {
        event: { ...data, secrets: {}, configuration: {} },
        idTokenClaims: {},
        accessTokenClaims: {},
        scopesAdded: [],
        scopesRemoved: [],
        actions: [],
      };
      return proceed({ state, steps, next: 0, expiresAt: 0 });
    },

    async resumePostLogin(flowId, resumed): Promise<PostLoginOutcome> {
      prune();
      const flow = paused.get(flowId);
      if (!flow)
        return { kind: 'failed', error: `no paused login flow ${flowId} (finished or expired)`, actions: [] };
      paused.delete(flowId);
      const { event } = flow.state;
      event.authentication = {
        ...event.authentication,
        methods: resumed.authenticationMethods.map((m) => ({ ...m })),
      };
      if (flow.continueStep) event.request = { ...event.request, query: { ...(resumed.query ?? {}) } };
      return proceed(flow);
    },

    async preUserRegistration(input: PreUserRegistrationInput): Promise<PreUserRegistrationOutcome> {
      const steps = bound('pre-user-registration');
      if (typeof steps === 'string') return { kind: 'failed', error: steps, actions: [] };
      const data = buildPreUserRegistrationEvent(input, options.store.state.tenantName);
      const actions: ActionTrace[] = [];
      let metadata = { appMetadata: input.user.app_metadata, userMetadata: input.user.user_metadata };
      const deadline = Date.now() + flowLimitMs;
      for (const step of steps) {
        const event = {
          ...structuredClone(data),
          user: { ...data.user, app_metadata: metadata.appMetadata, user_metadata: metadata.userMetadata },
          secrets: step.secrets,
          configuration: {},
        };
        const started = Date.now();
        const answer = await run<PreUserRegistrationRun>(
          { type: 'pre-user-registration', version: step.code, event },
          deadline - started,
        );
        const found =
          'error' in answer
            ? { logs: [], calls: [], durationMs: Date.now() - started, error: answer.error }
            : answer.value;
        const traced = trace(step, found);
        actions.push(traced);
        if (traced.error !== undefined)
          return { kind: 'failed', error: `${step.action.name}: ${traced.error}`, actions };
        if (!('record' in found)) continue;
        const result = registrationStep(found.record, step.action.name, metadata);
        if (result.kind === 'denied') return { ...result, actions };
        metadata = { appMetadata: result.appMetadata, userMetadata: result.userMetadata };
      }
      return { kind: 'allowed', ...metadata, actions };
    },

    async customDatabase(connection, script, args) {
      const options_ = (connection.options ?? {}) as Record<string, unknown>;
      const scripts = (options_.customScripts ?? {}) as Record<string, unknown>;
      const code = scripts[script];
      if (typeof code !== 'string') {
        return { kind: 'outage', message: `${String(connection.name)} has no deployed ${script} script` };
      }
      const answer = await run<ScriptCallback>(
        {
          type: 'custom-database',
          script: code,
          args: [...args],
          configuration: (options_.configuration ?? {}) as Record<string, unknown>,
          timeoutMs: scriptLimitMs,
        },
        // The worker calls back at the limit itself; this is for a script that never yields.
        scriptLimitMs + Math.min(1000, scriptLimitMs),
      );
      if ('error' in answer) return { kind: 'outage', message: answer.error };
      return scriptOutcome(answer.value);
    },

    close: () => worker.close(),
  };
}
