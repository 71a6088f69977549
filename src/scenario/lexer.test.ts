import { describe, expect, it } from 'vitest';
import { lexLine, ScenarioSyntaxError, type Token } from './lexer';
import { ScenarioCheck } from './check';

/** The error lexLine throws for `text`, or a failure when it throws none. */
function lexError(text: string, line = 1): ScenarioSyntaxError {
  try {
    lexLine(text, line);
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
}

const brief = (t: Token) => [t.t, t.t === 'end' ? '' : t.text, t.pos.col];
const bytesOf = (text: string): number[] => {
  const t = lexLine(text, 1).tokens[0];
  if (t.t !== 'str') throw new Error(`not a string: ${text}`);
  return [...t.bytes];
};

describe('a byte-order mark opening the text (issue 15, case 6)', () => {
  it('is skipped like a space at the start of line 1 (the column still counts it, as the editor does)', () => {
    expect(lexLine('\uFEFFtask A', 1).tokens.map(brief)).toEqual([['ident', 'task', 2], ['ident', 'A', 7], ['end', '', 8]]);
  });
  it('is refused anywhere else, where it would be an invisible character in the code', () => {
    expect(lexError('\uFEFFtask A', 2).pos).toEqual({ line: 2, col: 1 });
    expect(lexError('task \uFEFFA', 1).pos).toEqual({ line: 1, col: 6 });
  });
  it('is no statement to the checker either: a text of a BOM alone is empty, a BOM before a line one statement', () => {
    // fuzz counterexample: the statement count made before the check took the BOM for a statement
    for (const [text, count] of [['\uFEFF', 0], ['\uFEFFtask A\n# note\ntask B', 2]] as const) {
      const check = new ScenarioCheck(text);
      expect(() => check.step(Infinity)).not.toThrow();
      expect([check.error, check.statementCount]).toEqual([null, count]);
    }
  });
});

describe('lexLine: tokens', () => {
  it('splits a call into tokens with 1-based columns', () => {
    const { tokens, comment } = lexLine('kr = vm_allocate(A, &x, 0x3000, TRUE)', 7);
    expect(tokens.map(brief)).toEqual([
      ['ident', 'kr', 1], ['op', '=', 4], ['ident', 'vm_allocate', 6], ['op', '(', 17], ['ident', 'A', 18], ['op', ',', 19],
      ['op', '&', 21], ['ident', 'x', 22], ['op', ',', 23], ['int', '0x3000', 25], ['op', ',', 31], ['ident', 'TRUE', 33],
      ['op', ')', 37], ['end', '', 38],
    ]);
    expect(tokens.every((t) => t.pos.line === 7)).toBe(true);
    expect(comment).toBeNull();
  });

  it('takes the longest operator: << >> == != <= >=', () => {
    const ops = lexLine('<< >> == != <= >= < > = & | ^ ~ - + * / % ( ) ,', 1).tokens.filter((t) => t.t === 'op');
    expect(ops.map((t) => (t.t === 'op' ? t.text : ''))).toEqual(
      ['<<', '>>', '==', '!=', '<=', '>=', '<', '>', '=', '&', '|', '^', '~', '-', '+', '*', '/', '%', '(', ')', ','],
    );
    expect(lexLine('a<<=b', 1).tokens.map(brief)).toEqual([['ident', 'a', 1], ['op', '<<', 2], ['op', '=', 4], ['ident', 'b', 5], ['end', '', 6]]);
  });

  it('counts a tab as one column', () => {
    expect(lexLine('\tx\t=\t1', 1).tokens.map((t) => t.pos.col)).toEqual([2, 4, 6, 7]);
  });

  it('names are [A-Za-z_][A-Za-z0-9_]*', () => {
    expect(lexLine('_a9 B_2', 1).tokens.map(brief)).toEqual([['ident', '_a9', 1], ['ident', 'B_2', 5], ['end', '', 8]]);
  });

  it('rejects a character outside the language, at its column', () => {
    for (const [text, col] of [['x = 1 $ 2', 7], ['assert x ! y', 10], ['x = @', 5], ['x = 1;', 6]] as const) {
      const e = lexError(text, 3);
      expect(e.pos).toEqual({ line: 3, col });
      expect(e.message).toContain(text[col - 1]);
    }
    expect(lexError('x = 😀').message).toBe("unexpected character '😀'");
    expect(lexError('x = 1 “2”').pos.col).toBe(7);
  });
});

describe('lexLine: comments', () => {
  it('a full-line comment leaves only the end token', () => {
    const { tokens, comment } = lexLine('# just a note', 1);
    expect(tokens.map(brief)).toEqual([['end', '', 1]]);
    expect(comment).toBe(' just a note');
  });

  it('a trailing comment ends the statement; the end token sits after the last token', () => {
    const { tokens, comment } = lexLine('task A      # a task', 2);
    expect(tokens.map(brief)).toEqual([['ident', 'task', 1], ['ident', 'A', 6], ['end', '', 7]]);
    expect(comment).toBe(' a task');
  });

  it('a # inside a string is part of the string', () => {
    const { tokens, comment } = lexLine('x = "a#b" # real comment', 1);
    expect(bytesOf('"a#b"')).toEqual([...'a#b'].map((c) => c.charCodeAt(0)));
    expect(tokens.map(brief)).toEqual([['ident', 'x', 1], ['op', '=', 3], ['str', '"a#b"', 5], ['end', '', 10]]);
    expect(comment).toBe(' real comment');
  });

  it('a # after an escaped quote is still inside the string', () => {
    const { tokens, comment } = lexLine('x = "say \\"#1\\"" # c', 1);
    expect(tokens[2].t).toBe('str');
    expect(comment).toBe(' c');
  });

  it('the comment keeps everything after # verbatim, including more #', () => {
    expect(lexLine('x = 1 ## two # three', 1).comment).toBe('# two # three');
  });
});

describe('lexLine: integers', () => {
  const intOf = (text: string) => {
    const t = lexLine(text, 1).tokens[0];
    if (t.t !== 'int') throw new Error(`not an int: ${text}`);
    return t.value;
  };

  it('reads decimal and hex (either case of x and digits)', () => {
    expect(intOf('0')).toBe(0);
    expect(intOf('4096')).toBe(4096);
    expect(intOf('0x1000')).toBe(4096);
    expect(intOf('0XfFf')).toBe(0xfff);
    expect(intOf('010')).toBe(10); // decimal, not octal
    expect(intOf('0xFFFFFFFF')).toBe(0xffffffff);
  });

  it('keeps the spelling in text', () => {
    const t = lexLine('0x00FF', 1).tokens[0];
    expect(t.t === 'int' && t.text).toBe('0x00FF');
  });

  it('is exact up to 2^53 and an error beyond, at the number', () => {
    expect(intOf('9007199254740992')).toBe(2 ** 53);
    expect(intOf('0x20000000000000')).toBe(2 ** 53);
    for (const big of ['9007199254740993', '0x20000000000001', '18446744073709551616', '0xFFFFFFFFFFFFFFFF']) {
      const e = lexError(`x = ${big}`, 4);
      expect(e.pos).toEqual({ line: 4, col: 5 });
      expect(e.message).toMatch(/too large/);
      expect(e.message).toContain(big);
    }
  });

  it('rejects a malformed number at its first character', () => {
    for (const bad of ['0x', '12ab', '0x1g', '1_000', '0b101']) {
      const e = lexError(`y = ${bad} + 1`, 2);
      expect(e.pos).toEqual({ line: 2, col: 5 });
      expect(e.message).toContain(`'${bad}' is not a number`);
    }
  });
});

describe('lexLine: strings', () => {
  it('decodes every escape: \\n \\t \\0 \\\\ \\" \\xNN', () => {
    expect(bytesOf('"a\\nb"')).toEqual([0x61, 10, 0x62]);
    expect(bytesOf('"\\t"')).toEqual([9]);
    expect(bytesOf('"\\0"')).toEqual([0]);
    expect(bytesOf('"\\\\"')).toEqual([0x5c]);
    expect(bytesOf('"\\""')).toEqual([0x22]);
    expect(bytesOf('"\\x41\\xff\\x00\\xAb"')).toEqual([0x41, 0xff, 0, 0xab]);
    expect(bytesOf('""')).toEqual([]);
  });

  it('encodes other characters as UTF-8', () => {
    expect(bytesOf('"é"')).toEqual([0xc3, 0xa9]);
    expect(bytesOf('"😀"')).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it('a token after a string starts where the string ends', () => {
    expect(lexLine('"\\x41" , "é" x', 1).tokens.map((t) => t.pos.col)).toEqual([1, 8, 10, 14, 15]);
  });

  it('an unknown escape is an error at its backslash', () => {
    for (const [text, col] of [['x = "ab\\q"', 8], ['x = "\\r"', 6], ['x = "\\a"', 6], ['x = "ok" + "\\u0041"', 13]] as const) {
      const e = lexError(text, 5);
      expect(e.pos).toEqual({ line: 5, col });
      expect(e.message).toMatch(/unknown escape/);
      expect(e.message).toContain(`\\${text[col]}`);
    }
  });

  it('\\x needs two hex digits: an error at its backslash otherwise', () => {
    for (const [text, col] of [['x = "\\x4"', 6], ['x = "ab\\xZZ"', 8], ['x = "\\x"', 6], ['x = "\\x4', 6]] as const) {
      const e = lexError(text);
      expect(e.pos).toEqual({ line: 1, col });
      expect(e.message).toMatch(/two hex digits/);
    }
  });

  it('an unterminated string is an error at its opening quote', () => {
    for (const [text, col] of [['x = "abc', 5], ['x = "abc\\"', 5], ['x = "ab\\', 5], ['x = "a" + "b # not a comment', 11]] as const) {
      const e = lexError(text, 9);
      expect(e.pos).toEqual({ line: 9, col });
      expect(e.message).toMatch(/unterminated string/);
    }
  });
});
