import { describe, expect, test } from 'bun:test';
import { input, makeCtx, messageOf, resolveOne } from './fixtures.ts';

describe('STRING', () => {
  test('keeps the text, empty string included', async () => {
    expect(await resolveOne(input('s', 'STRING'), 'myString')).toBe('myString');
    expect(await resolveOne(input('s', 'STRING'), '')).toBe('');
  });
  test('validator must match the whole value', async () => {
    const decl = input('validatedString', 'STRING', { validator: 'A\\d+' });
    expect(await resolveOne(decl, 'A123')).toBe('A123');
    expect(await messageOf(decl, 'xA123')).toBe('Invalid input for `validatedString`, it must match the pattern `A\\d+`, but received `xA123`');
    expect(await messageOf(decl, 'foo')).toBe('Invalid input for `validatedString`, it must match the pattern `A\\d+`, but received `foo`');
  });
  test('typed values are kept as they are', async () => {
    expect(await resolveOne(input('s', 'STRING'), 5)).toBe(5);
  });
});

describe('ENUM and SELECT', () => {
  const enumInput = input('enum', 'ENUM', { values: ['ENUM_VALUE', 'OTHER_ONE'] });
  test('accepts a declared value', async () => {
    expect(await resolveOne(enumInput, 'OTHER_ONE')).toBe('OTHER_ONE');
  });
  test('rejects others with the value list', async () => {
    expect(await messageOf(enumInput, 'INVALID')).toBe('Invalid input for `enum`, it must match the values `[ENUM_VALUE, OTHER_ONE]`, but received `INVALID`');
  });
  test('an optional ENUM accepts anything', async () => {
    expect(await resolveOne({ ...enumInput, required: false }, 'INVALID')).toBe('INVALID');
  });
  test('SELECT checks values unless allowCustomValue', async () => {
    const select = input('sel', 'SELECT', { values: ['a', 'b'] });
    expect(await resolveOne(select, 'a')).toBe('a');
    expect(await messageOf(select, 'c')).toBe('Invalid input for `sel`, it must match the values `[a, b]`, but received `c`');
    expect(await resolveOne({ ...select, allowCustomValue: true }, 'c')).toBe('c');
  });
});

describe('MULTISELECT', () => {
  const multi = input('multi', 'MULTISELECT', { values: ['A', 'B', 'C'] });
  test('parses a JSON array string or takes a list', async () => {
    expect(await resolveOne(multi, '["A","C"]')).toEqual(['A', 'C']);
    expect(await resolveOne(multi, ['B'])).toEqual(['B']);
  });
  test('every item must be a declared value', async () => {
    expect(await messageOf(multi, '["A","H"]')).toBe('Invalid input for `multi`, it must match the values `[A, B, C]`, but received `["A","H"]`');
  });
  test('allowCustomValue accepts any item', async () => {
    expect(await resolveOne({ ...multi, allowCustomValue: true }, ['Z'])).toEqual(['Z']);
  });
  test('deprecated options still work, both together fail', async () => {
    expect(await resolveOne(input('m', 'MULTISELECT', { options: ['x'] }), ['x'])).toEqual(['x']);
    const both = input('m', 'MULTISELECT', { options: ['x'], values: ['x'] });
    expect(await messageOf(both, ['x'])).toBe("Invalid input for `m`, you can't define both `values` and `options`, but received `[x]`");
  });
  test('itemType coerces each item', async () => {
    expect(await resolveOne(input('m', 'MULTISELECT', { values: ['1', '2'], itemType: 'INT' }), '["1","2"]')).toEqual([1, 2]);
  });
});

describe('INT', () => {
  const int = input('int', 'INT');
  test('Integer.valueOf rules', async () => {
    expect(await resolveOne(int, '42')).toBe(42);
    expect(await resolveOne(int, '-7')).toBe(-7);
    expect(await resolveOne(int, '+7')).toBe(7);
    expect(await resolveOne(int, 12)).toBe(12);
  });
  test('NumberFormatException messages are used raw', async () => {
    expect(await messageOf(int, 'abc')).toBe('Invalid input for `int`, For input string: "abc", but received `abc`');
    expect(await messageOf(int, '')).toBe('Invalid input for `int`, For input string: "", but received ``');
    expect(await messageOf(int, '4.5')).toBe('Invalid input for `int`, For input string: "4.5", but received `4.5`');
    expect(await messageOf(int, ' 5')).toBe('Invalid input for `int`, For input string: " 5", but received ` 5`');
    expect(await messageOf(int, '2147483648')).toBe('Invalid input for `int`, For input string: "2147483648", but received `2147483648`');
  });
  test('min and max', async () => {
    const decl = input('validatedInt', 'INT', { min: 10, max: 20 });
    expect(await resolveOne(decl, '12')).toBe(12);
    expect(await resolveOne(decl, '10')).toBe(10);
    expect(await messageOf(decl, '9')).toBe('Invalid input for `validatedInt`, it must be more than `10`, but received `9`');
    expect(await messageOf(decl, '21')).toBe('Invalid input for `validatedInt`, it must be less than `20`, but received `21`');
  });
});

describe('FLOAT', () => {
  const float = input('float', 'FLOAT');
  test('Float.valueOf rules', async () => {
    expect(await resolveOne(float, '42.42')).toBe(42.42);
    expect(await resolveOne(float, ' 1e3 ')).toBe(1000);
    expect(await resolveOne(float, '1.5f')).toBe(1.5);
    expect(await resolveOne(float, 3)).toBe(3);
  });
  test('bad numbers', async () => {
    expect(await messageOf(float, 'abc')).toBe('Invalid input for `float`, For input string: "abc", but received `abc`');
    expect(await messageOf(float, '')).toBe('Invalid input for `float`, empty String, but received ``');
  });
  test('bounds print as Java floats', async () => {
    const decl = input('validatedFloat', 'FLOAT', { min: 0.1, max: 0.5 });
    expect(await messageOf(decl, '0.01')).toBe('Invalid input for `validatedFloat`, it must be more than `0.1`, but received `0.01`');
    expect(await messageOf(decl, '1.01')).toBe('Invalid input for `validatedFloat`, it must be less than `0.5`, but received `1.01`');
    expect(await messageOf(input('f', 'FLOAT', { min: 10 }), '5')).toBe('Invalid input for `f`, it must be more than `10.0`, but received `5`');
  });
});

describe('BOOLEAN', () => {
  test('only "true" (any case) is true and nothing fails', async () => {
    const bool = input('bool', 'BOOLEAN');
    expect(await resolveOne(bool, 'true')).toBe(true);
    expect(await resolveOne(bool, 'TRUE')).toBe(true);
    expect(await resolveOne(bool, 'false')).toBe(false);
    expect(await resolveOne(bool, 'yes')).toBe(false);
    expect(await resolveOne(bool, '')).toBe(false);
    expect(await resolveOne(bool, true)).toBe(true);
    expect(await resolveOne(input('b', 'BOOL'), 'True')).toBe(true);
  });
});

describe('DATETIME', () => {
  const dt = input('instant', 'DATETIME');
  test('prints back with exactly three fraction digits', async () => {
    expect(await resolveOne(dt, '2019-10-06T18:27:49Z')).toBe('2019-10-06T18:27:49.000Z');
    expect(await resolveOne(dt, '2019-10-06T18:27:49.123456Z')).toBe('2019-10-06T18:27:49.123Z');
    expect(await resolveOne(dt, '2019-10-06T20:27:49+02:00')).toBe('2019-10-06T18:27:49.000Z');
  });
  test('parse failures are wrapped with the java.time message', async () => {
    expect(await messageOf(dt, '2019-10-06')).toBe(
      'Invalid input for `instant`, java.lang.Exception: Expected `DATETIME` but received `2019-10-06` with errors:\n```\n'
      + "Text '2019-10-06' could not be parsed at index 10\n```, but received `2019-10-06`",
    );
  });
  test('after and before', async () => {
    const decl = input('validatedDateTime', 'DATETIME', { after: '2023-01-01T00:00:00Z', before: '2023-12-31T23:59:59Z' });
    expect(await resolveOne(decl, '2023-01-01T00:00:10Z')).toBe('2023-01-01T00:00:10.000Z');
    expect(await messageOf(decl, '2022-01-01T00:00:00Z')).toBe('Invalid input for `validatedDateTime`, it must be after `2023-01-01T00:00:00Z`, but received `2022-01-01T00:00:00Z`');
    expect(await messageOf(decl, '2024-01-01T00:00:00Z')).toBe('Invalid input for `validatedDateTime`, it must be before `2023-12-31T23:59:59Z`, but received `2024-01-01T00:00:00Z`');
  });
});

describe('DATE and TIME', () => {
  test('DATE', async () => {
    const decl = input('validatedDate', 'DATE', { after: '2023-01-01', before: '2023-12-31' });
    expect(await resolveOne(decl, '2023-01-02')).toBe('2023-01-02');
    expect(await messageOf(decl, '2022-01-01')).toBe('Invalid input for `validatedDate`, it must be after `2023-01-01`, but received `2022-01-01`');
    expect(await messageOf(decl, '2024-01-01')).toBe('Invalid input for `validatedDate`, it must be before `2023-12-31`, but received `2024-01-01`');
    expect(await messageOf(input('d', 'DATE'), '2019-1-6')).toContain("Text '2019-1-6' could not be parsed at index 5");
  });
  test('TIME values and bounds in Java LocalTime form', async () => {
    const decl = input('validatedTime', 'TIME', { after: '01:00', before: '11:59:59' });
    expect(await resolveOne(decl, '11:27:49')).toBe('11:27:49');
    expect(await resolveOne(input('t', 'TIME'), '18:27')).toBe('18:27:00');
    expect(await messageOf(decl, '00:00:01')).toBe('Invalid input for `validatedTime`, it must be after `01:00`, but received `00:00:01`');
    expect(await messageOf(decl, '14:00:00')).toBe('Invalid input for `validatedTime`, it must be before `11:59:59`, but received `14:00:00`');
  });
});

describe('DURATION', () => {
  test('normalised the Java way', async () => {
    expect(await resolveOne(input('d', 'DURATION'), 'P1D')).toBe('PT24H');
    expect(await resolveOne(input('d', 'DURATION'), 'PT5M6S')).toBe('PT5M6S');
    expect(await resolveOne(input('d', 'DURATION'), 'pt90s')).toBe('PT1M30S');
  });
  test('bounds with a capital It', async () => {
    const decl = input('validatedDuration', 'DURATION', { min: 'PT10S', max: 'PT20S' });
    expect(await messageOf(decl, 'PT1S')).toBe('Invalid input for `validatedDuration`, It must be more than `PT10S`, but received `PT1S`');
    expect(await messageOf(decl, 'PT30S')).toBe('Invalid input for `validatedDuration`, It must be less than `PT20S`, but received `PT30S`');
  });
  test('bad text', async () => {
    expect(await messageOf(input('d', 'DURATION'), 'P1Y')).toBe(
      'Invalid input for `d`, java.lang.Exception: Expected `DURATION` but received `P1Y` with errors:\n```\nText cannot be parsed to a Duration\n```, but received `P1Y`',
    );
  });
});

describe('JSON and YAML', () => {
  test('JSON text is parsed, typed values kept', async () => {
    expect(await resolveOne(input('j', 'JSON'), '{"a": "b"}')).toEqual({ a: 'b' });
    expect(await resolveOne(input('j', 'JSON'), '{}')).toEqual({});
    expect(await resolveOne(input('j', 'JSON'), '[1,2]')).toEqual([1, 2]);
    expect(await resolveOne(input('j', 'JSON'), { people: [{ first: 'Ada' }] })).toEqual({ people: [{ first: 'Ada' }] });
  });
  test('bad JSON has a Jackson-like cause', async () => {
    expect(await messageOf(input('j', 'JSON'), 'abc')).toBe(
      'Invalid input for `j`, java.lang.Exception: Expected `JSON` but received `abc` with errors:\n```\n'
      + "Unrecognized token 'abc': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n```, but received `abc`",
    );
  });
  test('YAML text is parsed', async () => {
    expect(await resolveOne(input('y', 'YAML'), 'some: property\nalist:\n- of\n- values')).toEqual({ some: 'property', alist: ['of', 'values'] });
  });
});

describe('URI and EMAIL', () => {
  test('URI must look like one', async () => {
    expect(await resolveOne(input('uri', 'URI'), 'https://www.google.com')).toBe('https://www.google.com');
    expect(await messageOf(input('uri', 'URI'), 'http:/bla')).toBe('Invalid input for `uri`, Expected `URI` but received `http:/bla`, but received `http:/bla`');
  });
  test('EMAIL', async () => {
    expect(await resolveOne(input('e', 'EMAIL'), 'ada@example.com')).toBe('ada@example.com');
    expect(await resolveOne(input('e', 'EMAIL'), '')).toBe('');
    expect(await messageOf(input('e', 'EMAIL'), 'not-an-email')).toBe('Invalid input for `e`, The input must be a valid email, but received `not-an-email`');
  });
});

describe('ARRAY', () => {
  const array = input('array', 'ARRAY', { itemType: 'INT' });
  test('JSON array text or list, items coerced', async () => {
    expect(await resolveOne(array, '[1, 2, 3]')).toEqual([1, 2, 3]);
    expect(await resolveOne(array, ['4', 5])).toEqual([4, 5]);
    expect(await resolveOne(input('a', 'ARRAY', { itemType: 'DATETIME' }), '["2019-10-06T18:27:49Z"]')).toEqual(['2019-10-06T18:27:49.000Z']);
  });
  test('a bad item names the item', async () => {
    expect(await messageOf(array, '["s1", "s2"]')).toBe('Invalid input for `array`, Unable to parse array element as `INT` on `s1`, but received `["s1", "s2"]`');
  });
  test('not an array', async () => {
    expect(await messageOf(array, '{"a":1}')).toContain('Cannot deserialize value of type `java.util.ArrayList<java.lang.Object>` from Object value');
  });
});

describe('SECRET', () => {
  test('encrypted with the context key', async () => {
    expect(await resolveOne(input('secret', 'SECRET'), 'pass')).toBe('enc:pass');
  });
  test('validator checks the plain text', async () => {
    const decl = input('secret', 'SECRET', { validator: '[a-z]+' });
    expect(await resolveOne(decl, 'pass')).toBe('enc:pass');
    expect(await messageOf(decl, 'PASS')).toBe('Invalid input for `secret`, it must match the pattern `[a-z]+`, but received `PASS`');
  });
  test('fails without encryption', async () => {
    const message = await messageOf(input('secret', 'SECRET'), 'pass', makeCtx({ encrypt: undefined }));
    expect(message).toContain('Unable to use a `SECRET` input/output as encryption is not configured');
    expect(message.startsWith('Invalid input for `secret`, java.lang.Exception: Expected `SECRET` but received `pass` with errors:')).toBe(true);
  });
});
