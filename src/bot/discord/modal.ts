/**
 * The suppress modal: a required reason and a duration typed as `1d`, `7d`, `30d`, `forever` or a
 * date (`YYYY-MM-DD`), read back from a MODAL_SUBMIT and checked by the core's `parseSuppressInput`
 * like every platform's suppress form. Discord modals have no select for the duration that reads
 * back as reliably as text, and a typed date is what the other platforms' date pickers produce.
 */
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { DEFAULT_SUPPRESS_DURATION, SUPPRESS_REASON_MAX, isRecord, parseSuppressInput, truncate, type AlertRef, type SuppressParse } from '../core/present.js';
import { suppressModalId, type Surface } from './custom-ids.js';
import { LIMITS } from './markdown.js';

export const SUPPRESS_INPUTS = { reason: 'reason', duration: 'duration' } as const;
export const DURATION_HINT = '1d, 7d, 30d, forever or a date YYYY-MM-DD';

export function suppressModal(surface: Surface, ref: AlertRef, alertTitle: string | null): APIModalInteractionResponseCallbackData {
  return {
    custom_id: suppressModalId(surface, ref),
    title: truncate(alertTitle ? `Suppress: ${alertTitle}` : 'Suppress alert', LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.Label,
        label: 'Reason',
        description: 'Why is it safe to ignore this alert?',
        component: { type: ComponentType.TextInput, custom_id: SUPPRESS_INPUTS.reason, style: TextInputStyle.Paragraph, required: true, min_length: 1, max_length: SUPPRESS_REASON_MAX },
      },
      {
        type: ComponentType.Label,
        label: 'For how long',
        description: DURATION_HINT,
        component: {
          type: ComponentType.TextInput,
          custom_id: SUPPRESS_INPUTS.duration,
          style: TextInputStyle.Short,
          required: false,
          max_length: 20,
          value: DEFAULT_SUPPRESS_DURATION,
          placeholder: truncate(DURATION_HINT, LIMITS.textInputPlaceholder),
        },
      },
    ],
  };
}

/**
 * custom_id → value of every text input in a submission, whether Discord nests them in labels
 * (`component`) or, as older clients do, in action rows (`components`). Unknown shapes are skipped.
 */
export function modalValues(components: unknown): Map<string, string> {
  const values = new Map<string, string>();
  const visit = (node: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    if (typeof node.custom_id === 'string' && typeof node.value === 'string') values.set(node.custom_id, node.value);
    visit(node.component, depth + 1);
    visit(node.components, depth + 1);
  };
  visit(components, 0);
  return values;
}

/** The typed duration in the core's terms: empty means the default; a date is a `date` duration. */
function durationOf(typed: string): { duration: string; date: string | null } {
  const value = typed.trim().toLowerCase();
  if (!value) return { duration: DEFAULT_SUPPRESS_DURATION, date: null };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { duration: 'date', date: value };
  return { duration: value, date: null };
}

/** Reason and duration from a submission, checked; errors name what to fix. */
export function parseSuppressModal(components: unknown, now: Date): SuppressParse {
  const values = modalValues(components);
  const { duration, date } = durationOf(values.get(SUPPRESS_INPUTS.duration) ?? '');
  const parsed = parseSuppressInput({ reason: values.get(SUPPRESS_INPUTS.reason), duration, date }, now);
  if (parsed.ok || !parsed.errors.duration) return parsed;
  return { ok: false, errors: { ...parsed.errors, duration: `Say for how long: ${DURATION_HINT}.` } };
}

/** The problems as one line for an ephemeral answer. */
export function suppressErrorText(errors: Partial<Record<'reason' | 'duration' | 'date', string>>): string {
  return `The alert was not suppressed. ${Object.values(errors).join(' ')}`;
}
