/**
 * The JSON messages between the runtime and its worker process: one request, one reply, matched by `id`;
 * a post-login flow's request may be answered by progress messages before its reply (`WorkerProgress`).
 * The worker keeps nothing a reply depends on except each version's loaded code and the triggers' caches.
 */
import type { Event as PostLoginEvent } from '../../../actions/types/post-login/v3';
import type { Event as PreUserRegistrationEvent } from '../../../actions/types/pre-user-registration/v2';
import type { DeclaredDependency } from '../../action-api/module-wrapper';
import type { PostLoginRecord } from '../../action-api/post-login-api';
import type { PreUserRegistrationRecord } from '../../action-api/pre-user-registration-api';
import type { ClaimRuleContext } from '../../action-api/token-claims';

export interface DeployedCode {
  versionId: string;
  actionName: string;
  code: string;
  dependencies: DeclaredDependency[];
}

/** One Action of a post-login flow segment: its handler, its deployed code and its secret values. */
export interface PostLoginStep {
  handler: 'onExecutePostLogin' | 'onContinuePostLogin';
  version: DeployedCode;
  secrets: Record<string, string>;
}

export type WorkerRequest =
  | {
      /**
       * A segment of a post-login flow in one request: the steps run in order until one pauses, denies or
       * fails, or all ran. One round trip a segment, not one an Action: the IPC was most of a login's
       * Actions time while the Actions' own code runs in microseconds (bench `login`).
       */
      type: 'post-login-flow';
      steps: PostLoginStep[];
      /** The flow's event so far, without secrets: each step gets a copy with its own. */
      event: PostLoginEvent;
      claimRules: ClaimRuleContext;
    }
  | { type: 'pre-user-registration'; version: DeployedCode; event: PreUserRegistrationEvent }
  | {
      type: 'custom-database';
      script: string;
      args: string[];
      configuration: Record<string, unknown>;
      timeoutMs: number;
    };

/** What one Action did in the worker: the raw record, before the runtime applies Auth0's semantics. */
export interface ActionRun<TRecord> {
  record: TRecord;
  logs: { level: string; message: string }[];
  calls: string[];
  durationMs: number;
  error?: string;
  /** `event.transaction.metadata` after the Action, for the next one (post-login only). */
  transactionMetadata?: Record<string, string | number | boolean>;
}

export type PostLoginRun = ActionRun<PostLoginRecord>;
export type PreUserRegistrationRun = ActionRun<PreUserRegistrationRecord>;

export interface ScriptCallback {
  error: { name: string; message: string } | null;
  results: unknown[];
}

export type WorkerReply =
  | { id: number; ok: true; value: PostLoginRun[] | PreUserRegistrationRun | ScriptCallback }
  | { id: number; ok: false; error: string };

/**
 * A finished step of a post-login segment that is followed by another one, sent before that one starts:
 * when a later Action hangs and the worker is killed, the runtime still has every earlier Action's run
 * (its trace, its logs), and knows which Action hung. The reply carries the last step's run.
 */
export interface WorkerProgress {
  id: number;
  progress: PostLoginRun;
}
