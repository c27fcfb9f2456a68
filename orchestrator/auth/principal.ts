// Who a request acts for once authenticated, and what it may do. A principal is named by its key's
// (or token subject's) name: that name, never the credential, is what logs, traces and metrics show.
import { MprError } from '../../lib/errors.ts';

/** What a caller can ask jw1 to do; a key lists the ones it may use. `paraphrase` is reserved for the route to come. */
export const TASKS = ['clean', 'describe', 'process', 'paraphrase'] as const;
export type Task = (typeof TASKS)[number];

/**
 * The describer task (its schema and, with a model, its adapter) a describe call uses: `custom` for an
 * inline schema, else the named task, else the default one.
 */
export function adapterOf(task: string, hasInlineSchema: boolean): string {
  if (hasInlineSchema) return 'custom';
  return task || 'describe';
}

export interface RateLimit {
  /** Requests per second in the long run. */
  rps: number;
  /** Requests that may come at once; the configured burst when absent. */
  burst?: number;
}

export interface Quota {
  requests: number;
  periodSeconds: number;
}

export interface Principal {
  readonly name: string;
  readonly via: 'api_key' | 'jwt';
  /** Undefined: every task. */
  readonly tasks?: ReadonlySet<Task>;
  /** Undefined: every describer task and adapter. */
  readonly adapters?: ReadonlySet<string>;
  readonly rateLimit?: RateLimit;
  readonly quota?: Quota;
}

/** The name the rate limiter charges a principal under (a key and a token subject never share one). */
export function limiterIdOf(principal: Principal): string {
  return `${principal.via === 'jwt' ? 'jwt' : 'key'}:${principal.name}`;
}

/** Throws permission_denied unless `principal` may use `task`. */
export function authorizeTask(principal: Principal, task: Task): void {
  if (principal.tasks && !principal.tasks.has(task)) {
    throw new MprError('permission_denied', `"${principal.name}" may not use ${task}`);
  }
}

/** Throws permission_denied unless `principal` may use the describer task or adapter `adapter`. */
export function authorizeAdapter(principal: Principal, adapter: string): void {
  if (principal.adapters && !principal.adapters.has(adapter)) {
    throw new MprError(
      'permission_denied',
      `"${principal.name}" may not use the adapter or describer task "${adapter}"`,
    );
  }
}
