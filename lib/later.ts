/**
 * Work a service may do after the answer is sent. Pages pass Next's `after()`, so that a known
 * address (token, mail, audit) and an unknown one answer in the same time; tests and scripts run
 * the work at once.
 */
export type Later = (work: () => void) => void;

export const rightAway: Later = (work) => work();
