/**
 * RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends.
 * Fields are slices of `text`, never built a character at a time: V8 keeps a string grown by `+=`
 * as a rope of one node per character, and a credential report of thousands of users made that way
 * weighs tens of megabytes.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let field = '';
    if (text[i] === '"') {
      const parts: string[] = [];
      let start = i + 1;
      for (;;) {
        const quote = text.indexOf('"', start);
        if (quote === -1) {
          // Unterminated: the rest of the text is the field.
          parts.push(text.slice(start));
          i = n;
          break;
        }
        parts.push(text.slice(start, quote));
        if (text[quote + 1] === '"') {
          parts.push('"');
          start = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      field = parts.join('');
    }
    let end = i;
    while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end += 1;
    if (end > i) field += text.slice(i, end);
    row.push(field);
    if (end >= n) break;
    if (text[end] === ',') {
      i = end + 1;
      // A trailing comma ends the text with one more, empty, field.
      if (i === n) row.push('');
      continue;
    }
    rows.push(row);
    row = [];
    i = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
  if (row.length > 0) rows.push(row);
  return rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
}
