/**
 * Text for Discord messages. The core writes Slack-flavoured markup (`*bold*`, backticks), which
 * becomes Discord markdown here; text from cloud APIs (titles, resource ids, reasons) is escaped so
 * it shows as written and can never turn into markup, a link or a mention. Every message also goes
 * out with `allowed_mentions: { parse: [] }`, so nothing in it pings anyone unless named on purpose.
 */
import { truncate } from '../core/present.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** All titles, descriptions, field names and values and footers of a message's embeds together. */
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectPlaceholder: 150,
  modalTitle: 45,
  modalLabel: 45,
  textInputPlaceholder: 100,
} as const;

const ZERO_WIDTH_SPACE = '\u200b';

/** `@everyone` and `@here` broken up so they read the same but can never mention a whole server. */
export function defuseMassMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, `@${ZERO_WIDTH_SPACE}$1`);
}

/**
 * Text from outside for places that show no markdown (embed titles, footers): it reads as written,
 * and mentions (`<@1>`, `<#2>`, `<@&3>`) and mass mentions are broken up so they can never resolve.
 */
export function plainText(text: string): string {
  return defuseMassMentions(text.replace(/<([@#])/g, `<${ZERO_WIDTH_SPACE}$1`));
}

/**
 * Text from outside made literal: markdown characters, `<@…>`-style mentions and masked links are
 * backslash-escaped, and mass mentions defused.
 */
export function escapeMarkdown(text: string): string {
  const escaped = text.replace(/[\\*_~`|>[\]<#]/g, (c) => `\\${c}`).replace(/^(\s*)-/gm, '$1\\-');
  return defuseMassMentions(escaped);
}

/** Inline code: backticks swapped for a look-alike so they cannot end the span early. */
export function inlineCode(text: string): string {
  const body = defuseMassMentions(text.replace(/`/g, 'ˋ').replace(/\n/g, ' '));
  return `\`${body || ' '}\``;
}

/** A fenced code block holding `text`, cut so the block (fences included) fits in `max` characters. */
export function codeBlock(text: string, max: number, language = ''): string {
  const open = `\`\`\`${language}\n`;
  const close = '\n```';
  return `${open}${truncate(defuseMassMentions(text.replace(/```/g, 'ˋˋˋ')), max - open.length - close.length)}${close}`;
}

/**
 * The core's Slack-style markup as Discord markdown: `*bold*` becomes `**bold**`; code spans and
 * blocks are left exactly as they are, since markup inside them is literal on both platforms.
 */
export function fromSlackMarkup(text: string): string {
  return text
    .split(/(```[\s\S]*?```|`[^`\n]*`)/g)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(^|[^\w*])\*([^*\n]+?)\*(?=[^\w*]|$)/gm, '$1**$2**')))
    .join('');
}

/**
 * Long text split into messages of at most `max` characters: at a line break where one is near,
 * else at a space; a code block left open is closed and reopened in the next piece.
 */
export function splitContent(text: string, max: number = LIMITS.content): string[] {
  const FENCE = '```';
  const budget = max - FENCE.length - 1;
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', budget);
    if (cut < budget / 2) cut = rest.lastIndexOf(' ', budget);
    if (cut < budget / 2) {
      cut = budget;
      const last = rest.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
    }
    let part = rest.slice(0, cut).trimEnd();
    rest = rest.slice(cut).replace(/^[ \n]/, '');
    if ((part.split(FENCE).length - 1) % 2 === 1) {
      part = `${part}\n${FENCE}`;
      rest = `${FENCE}\n${rest}`;
    }
    if (part.trim()) parts.push(part);
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}

/** A time every reader sees in their own time zone (`<t:…:f>`), or a relative one (`R`). */
export function discordTime(date: Date, style: 'f' | 'R' | 'D' = 'f'): string {
  const ms = date.getTime();
  return Number.isNaN(ms) ? 'an unknown time' : `<t:${Math.floor(ms / 1000)}:${style}>`;
}
