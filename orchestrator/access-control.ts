// The one gate every jw1 request passes before its body is used, whichever protocol it came by: who is
// calling (authentication), whether it may use the task, and whether its rate and quota allow it. The
// HTTP gateway and the gRPC service call this; neither decides on its own.
import { createHash } from 'node:crypto';
import type { Logger } from '../lib/logger.ts';
import { MprError } from '../lib/errors.ts';
import type { AccessMetrics } from '../lib/metrics/index.ts';
import {
  authorizeAdapter,
  authorizeTask,
  limiterIdOf,
  type Authenticator,
  type Credentials,
  type Principal,
  type Task,
} from './auth/index.ts';
import type { ClientRateLimiter, RateSubject } from './client-rate-limiter.ts';

export interface AccessRequest extends Credentials {
  /** The caller's network address (the rate-limit subject of an anonymous caller without x-api-key). */
  address: string;
  /** Undefined for a path that names no task (an unknown /v1 route): authenticated, then answered 404. */
  task?: Task;
  /** Requests this call is worth to the rate limit now (a batch's further items are charged later). */
  cost?: number;
}

/** What was decided for one request. */
export interface Admission {
  /** Undefined when authentication is off. */
  principal?: Principal;
  subject: RateSubject;
}

export interface AccessControl {
  readonly authenticationRequired: boolean;
  /** Throws unauthenticated, permission_denied, rate_limited, quota_exceeded or unavailable. */
  admit(request: AccessRequest): Promise<Admission>;
  /** Charges more of the same request (a batch's items once counted), less what admit took. */
  charge(admission: Admission, cost: number, alreadyCharged: number): Promise<void>;
  /** Throws permission_denied when the principal may not use the describer task or adapter. */
  authorizeAdapter(admission: Admission, adapter: string): void;
}

export interface AccessControlParts {
  authenticator: Authenticator;
  rateLimiter: ClientRateLimiter;
  metrics?: AccessMetrics;
  logger?: Logger;
}

/**
 * Without authentication, x-api-key is only a label naming the client for its rate limit. It is charged
 * under a digest so that a real key sent to an unauthenticated jw1 still reaches no store or log.
 */
function anonymousSubject(request: AccessRequest): RateSubject {
  const label = request.apiKey;
  if (label) return { id: `label:${createHash('sha256').update(label).digest('hex').slice(0, 32)}` };
  return { id: `ip:${request.address}` };
}

/**
 * The metric label of a principal: a key's name (the key file bounds them), but one `jwt` label for every
 * token subject, which an identity provider can mint without bound. Logs and spans carry the subject.
 */
function metricNameOf(principal: Principal): string {
  return principal.via === 'jwt' ? 'jwt' : principal.name;
}

export function createAccessControl(parts: AccessControlParts): AccessControl {
  const { authenticator, rateLimiter, metrics, logger } = parts;
  const denied = (principal: Principal, error: unknown) => {
    metrics?.decision('permission_denied', metricNameOf(principal));
    logger?.info({ keyName: principal.name, reason: (error as Error).message }, 'permission denied');
  };
  return {
    authenticationRequired: authenticator.required,
    admit: async (request) => {
      let principal: Principal | undefined;
      try {
        principal = await authenticator.authenticate(request);
      } catch (error) {
        if (error instanceof MprError && error.code === 'unauthenticated') metrics?.decision('unauthenticated', '');
        throw error;
      }
      if (principal) {
        try {
          if (request.task) authorizeTask(principal, request.task);
        } catch (error) {
          denied(principal, error);
          throw error;
        }
        metrics?.decision('allowed', metricNameOf(principal));
      }
      const subject: RateSubject = principal
        ? {
            id: limiterIdOf(principal),
            ...(principal.rateLimit ? { rateLimit: principal.rateLimit } : {}),
            ...(principal.quota ? { quota: principal.quota } : {}),
          }
        : anonymousSubject(request);
      await rateLimiter.admit(subject, request.cost ?? 1);
      return principal ? { principal, subject } : { subject };
    },
    charge: (admission, cost, alreadyCharged) => rateLimiter.admit(admission.subject, cost, alreadyCharged),
    authorizeAdapter: (admission, adapter) => {
      if (!admission.principal) return;
      try {
        authorizeAdapter(admission.principal, adapter);
      } catch (error) {
        denied(admission.principal, error);
        throw error;
      }
    },
  };
}
