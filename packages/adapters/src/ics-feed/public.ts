/**
 * The feed adapter's public types and defaults, kept apart from the parser's types so the
 * published declarations never reach into ical.js's own (which do not compile under
 * `skipLibCheck: false`).
 */

/** Something in the feed that could not be used as written; the rest of the feed still is. */
export interface FeedProblem {
  kind: 'line-dropped' | 'event-skipped' | 'zone-unknown' | 'recurrence-truncated';
  /** The event concerned, when there is one. */
  uid?: string;
  message: string;
}

export interface ExpandLimits {
  /** Instances in the range one event may produce in one call (default 5,000). */
  maxOccurrencesPerEvent: number;
  /** Candidate dates one rule may try, from its (fast-forwarded) start (default 10,000). */
  maxRuleStepsPerEvent: number;
  /** Instances all events together may produce in one call (default 50,000). */
  maxOccurrencesPerCall: number;
  /** Candidate dates all rules together may try in one call (default 50,000). */
  maxRuleStepsPerCall: number;
}

export const DEFAULT_EXPAND_LIMITS: Readonly<ExpandLimits> = {
  maxOccurrencesPerEvent: 5_000,
  maxRuleStepsPerEvent: 10_000,
  maxOccurrencesPerCall: 50_000,
  maxRuleStepsPerCall: 50_000,
};
