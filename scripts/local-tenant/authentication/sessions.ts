/**
 * What the login keeps between its requests, in memory only (a restart forgets logins in progress, as a
 * lost Auth0 session cookie does): the transactions of `/authorize` with how far each got, and the
 * authorization codes. Both expire; a code is spent on first use.
 */
import { randomBytes } from 'node:crypto';
import type { LoginTransaction, MfaAsk, PostLoginOutcome } from './contract';
import { TotpVerifier } from './totp';

/** How long a login may take from `/authorize` to its code (Auth0's transaction cookie lasts longer). */
export const TRANSACTION_TTL_MS = 15 * 60 * 1000;
/** Codes are short lived: one minute here (RFC 6749 section 4.1.2 asks for at most 10). */
export const CODE_TTL_MS = 60 * 1000;

export type CompletedFlow = Extract<PostLoginOutcome, { kind: 'complete' }>;

export interface LoginSession {
  transaction: LoginTransaction;
  /** The CSRF token every form of this transaction carries. */
  csrf: string;
  expiresAt: number;
  userId?: string;
  /** The connection the user signed in with (its name). */
  connection?: string;
  methods: { name: string; timestamp: string }[];
  /** A post-login flow paused for a redirect or MFA, resumed by `/continue` or the MFA page. */
  pausedFlowId?: string;
  /** MFA the flow asked for; `resumesFlow` when it paused for it, else it is done after the flow. */
  mfa?: { ask: MfaAsk; resumesFlow: boolean };
  /** The flow's result, kept while MFA asked by `multifactor.enable` is done. */
  completed?: CompletedFlow;
  /** A TOTP secret shown on the enrollment page, not yet confirmed by a first code. */
  enrollingSecret?: string;
  /** Wrong one-time codes sent in this login. */
  oneTimeCodeFailures?: number;
}

export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  userId: string;
  transaction: LoginTransaction;
  /** Seconds since the epoch: when the user authenticated. */
  authTime: number;
  flow: CompletedFlow;
  /** `['mfa']` when the login passed an MFA challenge: the ID token's `amr`. */
  amr?: string[];
  expiresAt: number;
}

const token = () => randomBytes(24).toString('base64url');

export class LoginSessions {
  private readonly sessions = new Map<string, LoginSession>();
  private readonly codes = new Map<string, CodeGrant>();
  /** Codes already redeemed, until they would have expired: a second use revokes what the first gave. */
  private readonly spentCodes = new Map<string, { expiresAt: number; revoke?: () => void }>();
  readonly totp = new TotpVerifier();

  constructor(private readonly clock: () => number = Date.now) {}

  now(): number {
    return this.clock();
  }

  begin(transaction: Omit<LoginTransaction, 'id' | 'createdAt'>): LoginSession {
    this.sweep();
    const now = this.clock();
    const session: LoginSession = {
      transaction: { ...transaction, id: token(), createdAt: now },
      csrf: token(),
      expiresAt: now + TRANSACTION_TTL_MS,
      methods: [],
    };
    this.sessions.set(session.transaction.id, session);
    return session;
  }

  find(id: unknown): LoginSession | undefined {
    if (typeof id !== 'string') return undefined;
    const session = this.sessions.get(id);
    if (!session || session.expiresAt <= this.clock()) return undefined;
    return session;
  }

  /**
   * A new id for the transaction once the user proved who they are, the old one forgotten: whoever knew the
   * id before (it travels in URLs; a browser can send it to another) cannot go on with the signed-in login,
   * as a session id is renewed at login against session fixation (OWASP Session Management Cheat Sheet).
   */
  renew(session: LoginSession): void {
    this.sessions.delete(session.transaction.id);
    session.transaction = { ...session.transaction, id: token() };
    this.sessions.set(session.transaction.id, session);
  }

  end(session: LoginSession): void {
    this.sessions.delete(session.transaction.id);
  }

  issueCode(grant: Omit<CodeGrant, 'expiresAt'>): string {
    const code = token();
    this.codes.set(code, { ...grant, expiresAt: this.clock() + CODE_TTL_MS });
    return code;
  }

  /**
   * The code's grant, once: a second redemption finds nothing, and revokes the tokens the first one gave
   * (RFC 6749 section 4.1.2: a code used twice may have been stolen).
   */
  redeemCode(code: unknown): CodeGrant | undefined {
    if (typeof code !== 'string') return undefined;
    const spent = this.spentCodes.get(code);
    if (spent) {
      this.spentCodes.delete(code);
      spent.revoke?.();
      return undefined;
    }
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.clock()) return undefined;
    this.spentCodes.set(code, { expiresAt: grant.expiresAt });
    return grant;
  }

  /** What revokes the tokens a redeemed code gave, should the code come again. */
  revokeOnReplay(code: string, revoke: () => void): void {
    const spent = this.spentCodes.get(code);
    if (spent) spent.revoke = revoke;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
    for (const [code, grant] of this.codes) if (grant.expiresAt <= now) this.codes.delete(code);
    for (const [code, spent] of this.spentCodes) if (spent.expiresAt <= now) this.spentCodes.delete(code);
  }
}
