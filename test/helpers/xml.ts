// A strict little XML reader for tests (no dependency): elements, attributes, text and the five
// predefined entities. It throws on what a real parser rejects — a stray `&` or `<`, unquoted or
// duplicate attributes, mismatched tags, trailing content — so a report that reads back is
// well-formed.

export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`unescaped markup near offset ${at}: ${raw.slice(0, 40)}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!);
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const s = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const ws = () => { while (/\s/.test(s[i] ?? '')) i++; };
  function element(): XmlElement {
    const m = /^<([A-Za-z_][\w.-]*)/.exec(s.slice(i));
    if (!m) throw new Error(`expected an element at ${i}`);
    i += m[0].length;
    const el: XmlElement = { name: m[1]!, attrs: {}, children: [], text: '' };
    for (;;) {
      ws();
      if (s.startsWith('/>', i)) { i += 2; return el; }
      if (s[i] === '>') { i++; break; }
      const a = /^([A-Za-z_][\w.:-]*)="([^"]*)"/.exec(s.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}: ${s.slice(i, i + 30)}`);
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]}`);
      el.attrs[a[1]!] = decode(a[2]!, i);
      i += a[0].length;
    }
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${el.name}>`);
      el.text += decode(s.slice(i, lt), i);
      i = lt;
      if (s.startsWith(`</${el.name}>`, i)) { i += el.name.length + 3; return el; }
      if (s.startsWith('</', i)) throw new Error(`mismatched closing tag at ${i}`);
      el.children.push(element());
    }
  }
  ws();
  const root = element();
  ws();
  if (i !== s.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

export const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
