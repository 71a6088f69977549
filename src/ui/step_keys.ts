/**
 * step_keys: the keys of Step forward (→, and a clicker's PageDown, Space and Enter), in a module of
 * their own so that the entry script's early key listener (early_keys.ts) knows them without the
 * command registry (commands.ts, in the page's chunk), which lists the same constant.
 */
export const STEP_FORWARD_KEYS: readonly string[] = ['ArrowRight', 'PageDown', ' ', 'Enter'];
