/**
 * What the server allows on an object comes as its `actions` list (Outline-style policies).
 * The UI asks by intent; each intent names the server actions that allow it.
 */
const INTENTS = {
  orgEdit: ['org.write'],
  orgAddChild: ['org.write'],
  orgMove: ['org.write'],
  memberEdit: ['member.write'],
  memberSensitive: ['member.read_sensitive'],
  residentEdit: ['resident.write'],
  residentSensitive: ['resident.read_sensitive'],
  history: ['record.history'],
} as const;

/** One thing the UI may offer. */
export type Intent = keyof typeof INTENTS;

/** Whether an object's actions allow an intent. */
export function allows(actions: readonly string[] | undefined, intent: Intent): boolean {
  if (!actions) return false;
  const names: readonly string[] = INTENTS[intent];
  return actions.some((a) => names.includes(a));
}
