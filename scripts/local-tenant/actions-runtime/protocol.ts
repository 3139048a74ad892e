/**
 * The JSON messages between the runtime and its worker process: one request, one reply, matched by `id`.
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

export type WorkerRequest =
  | {
      type: 'post-login';
      handler: 'onExecutePostLogin' | 'onContinuePostLogin';
      version: DeployedCode;
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
  | { id: number; ok: true; value: PostLoginRun | PreUserRegistrationRun | ScriptCallback }
  | { id: number; ok: false; error: string };
