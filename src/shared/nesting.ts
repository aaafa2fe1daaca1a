// Kestra reads JSON with Jackson, whose default StreamReadConstraints refuse documents nested
// deeper than 1,000 levels. kestra-lite walks values recursively (typing, masking, binding), so a
// 20,000-level document overflowed the stack (a 500); it is refused up front instead, as Kestra
// refuses it, by one linear scan of the text.

export const MAX_NESTING_DEPTH = 1000;

/** The message of a too-deep document (Jackson's wording), or undefined when `text` nests at most MAX_NESTING_DEPTH levels. */
export function nestingError(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */ || c === 40 /* ( Ion s-expressions */) {
      if (++depth > MAX_NESTING_DEPTH) {
        return `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;
      }
    } else if (c === 125 || c === 93 || c === 41) depth--;
  }
  return undefined;
}
