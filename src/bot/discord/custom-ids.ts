/**
 * What a Discord button, picker or modal carries back to us in its `custom_id` (at most 100
 * characters): the action, the alert, and the version the message showed, so a click on a stale
 * message can be told apart. `alert:` components sit on a card that is updated in place; `list:`
 * ones sit in a list or digest, whose clicker is answered privately. Anything we did not write —
 * forged, mangled, from an older release — decodes to null and is answered as such.
 */
import { isVersion, type AlertRef, type CardAction } from '../core/present.js';
import { LIMITS } from './markdown.js';

/** A card (one alert, recorded, updated in place) or a list / digest (many alerts, answered privately). */
export type Surface = 'card' | 'list';
export type AlertVerb = CardAction | 'assign';

export type ComponentId =
  | { kind: 'alert'; surface: Surface; verb: AlertVerb; ref: AlertRef }
  /** "Next page": the command that shows it. */
  | { kind: 'page'; command: string };

const VERBS: readonly AlertVerb[] = ['acknowledge', 'suppress', 'resolve', 'reopen', 'assign'];
const PREFIX: Record<Surface, string> = { card: 'alert', list: 'list' };
const ALERT_ID = /^[A-Za-z0-9-]{1,64}$/;
const SUPPRESS_MODAL = 'suppress';

const fits = (id: string): string | null => (id.length <= LIMITS.customId ? id : null);

/** `alert:<verb>:<alert id>:<version>`; null if it would not fit in a custom_id. */
export function alertComponentId(surface: Surface, verb: AlertVerb, ref: AlertRef): string | null {
  return fits(`${PREFIX[surface]}:${verb}:${ref.id}:${ref.version}`);
}

export function pageComponentId(command: string): string | null {
  return fits(`page:${command}`);
}

function readRef(id: string | undefined, version: string | undefined): AlertRef | null {
  if (!id || !ALERT_ID.test(id) || !version || !/^\d{1,15}$/.test(version)) return null;
  const parsed = Number(version);
  return isVersion(parsed) ? { id, version: parsed } : null;
}

export function decodeComponentId(customId: unknown): ComponentId | null {
  if (typeof customId !== 'string' || customId.length > LIMITS.customId) return null;
  if (customId.startsWith('page:')) {
    const command = customId.slice('page:'.length).trim();
    return command ? { kind: 'page', command } : null;
  }
  const [prefix, verb, id, version, ...extra] = customId.split(':');
  const surface = prefix === PREFIX.card ? 'card' : prefix === PREFIX.list ? 'list' : null;
  if (!surface || extra.length > 0 || !VERBS.includes(verb as AlertVerb)) return null;
  const ref = readRef(id, version);
  return ref ? { kind: 'alert', surface, verb: verb as AlertVerb, ref } : null;
}

/** The suppress modal: `suppress:<surface>:<alert id>:<version>`. */
export function suppressModalId(surface: Surface, ref: AlertRef): string {
  return `${SUPPRESS_MODAL}:${surface}:${ref.id}:${ref.version}`;
}

export function decodeSuppressModalId(customId: unknown): { surface: Surface; ref: AlertRef } | null {
  if (typeof customId !== 'string' || customId.length > LIMITS.customId) return null;
  const [kind, surface, id, version, ...extra] = customId.split(':');
  if (kind !== SUPPRESS_MODAL || (surface !== 'card' && surface !== 'list') || extra.length > 0) return null;
  const ref = readRef(id, version);
  return ref ? { surface, ref } : null;
}
