// Every failed async action becomes a notification the user can read. Stores
// are built with `notifying(...)`: it wraps each action so that a rejection
// (or a throw) is caught, turned into a notification and not left to vanish
// in the console. The action may still update its own state before failing.
import type { StateCreator } from 'zustand';
import { toApiCallError } from '../api/client.ts';

export interface NotificationInput {
  kind: 'error' | 'info';
  /** What failed, in the user's words: "The overview could not be loaded". */
  title: string;
  message: string;
  where?: string | undefined;
  hint?: string | undefined;
}

type Notify = (notification: NotificationInput) => void;

let sink: Notify = () => undefined;

/** The app store registers itself here as the place notifications go. */
export function setNotificationSink(notify: Notify): void {
  sink = notify;
}

export function reportFailure(title: string, error: unknown): void {
  const e = toApiCallError(error);
  sink({ kind: 'error', title, message: e.message, where: e.where, hint: e.hint });
}

type AsyncActionKeys<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * A failure title for every async action of a store (the type demands one, so
 * no action is forgotten), or null for a helper that hands its failures back
 * to the action that called it. Synchronous actions may have a title too.
 */
export type FailureTitles<T> = { [K in AsyncActionKeys<T>]: string | null } & {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? string | null : never;
};

function wrap(title: string, action: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    try {
      const result = action(...args);
      if (result instanceof Promise) {
        return result.catch((error: unknown) => {
          reportFailure(title, error);
          return undefined;
        });
      }
      return result;
    } catch (error) {
      reportFailure(title, error);
      return undefined;
    }
  };
}

/**
 * Store middleware: each action with a title is wrapped so its failures
 * become notifications with that title.
 */
export function notifying<T extends object>(titles: FailureTitles<T>, initializer: StateCreator<T>): StateCreator<T> {
  return (set, get, api) => {
    const state = initializer(set, get, api);
    const wrapped: Record<string, unknown> = { ...(state as Record<string, unknown>) };
    for (const [key, value] of Object.entries(state)) {
      if (typeof value !== 'function') continue;
      const title = (titles as Record<string, string | null | undefined>)[key];
      if (title === null || title === undefined) continue;
      wrapped[key] = wrap(title, value as (...args: unknown[]) => unknown);
    }
    return wrapped as T;
  };
}
