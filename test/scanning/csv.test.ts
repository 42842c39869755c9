import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/scanning/csv.js';

describe('parseCsv', () => {
  it('splits rows on LF and CRLF and fields on commas', () => {
    expect(parseCsv('user,arn\nalice,arn:1\r\nbob,arn:2\n')).toEqual([
      ['user', 'arn'],
      ['alice', 'arn:1'],
      ['bob', 'arn:2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines"\nd,e,f,g')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['d', 'e', 'f', 'g'],
    ]);
  });

  it('keeps empty fields, a trailing comma and a last row without a line end', () => {
    expect(parseCsv('a,,c\nd,e,')).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });

  it('skips blank lines and takes an unterminated quote to the end', () => {
    expect(parseCsv('a,b\n\nc,"d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd\n'],
    ]);
  });
});
