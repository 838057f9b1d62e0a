/**
 * Letters of other scripts that are drawn like Latin letters, and punctuation drawn like ASCII
 * punctuation, each with the ASCII character a reader takes it for. Compatibility forms (full-width
 * letters, mathematical alphanumerics, accented letters) need no entry: NFKD and dropping the combining
 * marks turn them into ASCII already. Used only to suggest the ASCII spelling of an identifier written
 * with one of these; the identifier is refused whatever the table says.
 */
const lookAlikes: Readonly<Record<string, string>> = {
  // Greek capitals and small letters
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
  χ: 'x',
  // Cyrillic capitals and small letters
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  // Dashes and dots
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2024': '.',
};

/** The first character outside ASCII, with its index and code point written `U+03BD`. */
export function firstNonAscii(text: string): { index: number; char: string; codePoint: string } | undefined {
  for (let index = 0; index < text.length; index++) {
    const code = text.codePointAt(index) ?? 0;
    if (code > 0x7f) {
      const char = String.fromCodePoint(code);
      return { index, char, codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` };
    }
  }
  return undefined;
}

/**
 * `text` with every character a reader would take for an ASCII one replaced by it; undefined when some
 * character has no such reading (the text is then not a mistyped identifier, just another language).
 */
export function asciiReading(text: string): string | undefined {
  let out = '';
  for (const char of text) {
    if (char.charCodeAt(0) <= 0x7f) {
      out += char;
      continue;
    }
    const mapped = lookAlikes[char] ?? char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (!/^[\x20-\x7e]+$/.test(mapped)) return undefined;
    out += mapped;
  }
  return out;
}

/**
 * The advice for an identifier (tag, id, version, sha) holding a character outside ASCII: the character,
 * its code point and where it is, and the ASCII spelling when there is one. Undefined for ASCII text.
 */
export function nonAsciiHint(value: string): string | undefined {
  const first = firstNonAscii(value);
  if (!first) return undefined;
  const reading = asciiReading(value);
  const spelled = reading && reading !== value ? ` Write \`${reading}\`.` : '';
  return `\`${first.char}\` (${first.codePoint}, character ${first.index + 1}) is not ASCII: tags, ids, versions and shas are ASCII only, and a look-alike letter makes a different identifier that git, the checker and the consumer's CI do not recognise.${spelled}`;
}
