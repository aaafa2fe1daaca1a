// Minimal typings for @michaelhomer/jqjs (the package ships none).
declare module '@michaelhomer/jqjs' {
  type Filter = (input: unknown) => Iterable<unknown>;
  const jq: { (program: string): Filter; compile(program: string): Filter };
  export function compile(program: string): Filter;
  export function compileNode(program: string): object;
  export default jq;
}
