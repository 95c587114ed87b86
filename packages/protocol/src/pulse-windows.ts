/**
 * The windows the pulse is offered for, shortest first; `30d` is the default. Re-exported by `model.ts`, with the
 * model; a module of its own so that `<voc-pulse>`, which offers them, does not carry the model's other lists.
 */
export const PULSE_WINDOWS = ['7d', '30d', '90d', '365d'] as const;
