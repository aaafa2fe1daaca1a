// What Kestra's import endpoints accept (flows, templates): one `.yml`/`.yaml` file, or a `.zip`
// of them (other entries are skipped). Anything else, or a broken archive, is Kestra's 422.

import { illegalArgument } from '../errors.ts';
import { readZip } from './zip.ts';

export type YamlUpload = { kind: 'yaml'; text: string } | { kind: 'zip'; files: { name: string; text: string }[] };

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

export function readYamlUpload(fileName: string, data: Uint8Array): YamlUpload {
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (isYaml(fileName)) return { kind: 'yaml', text: decode(data) };
  if (fileName.toLowerCase().endsWith('.zip')) {
    let entries;
    try {
      entries = readZip(data);
    } catch (err) {
      throw illegalArgument(`Cannot import file ${fileName}: ${(err as Error).message}`);
    }
    return { kind: 'zip', files: entries.filter((e) => !e.directory && isYaml(e.name)).map((e) => ({ name: e.name, text: decode(e.data) })) };
  }
  const dot = fileName.lastIndexOf('.');
  throw illegalArgument(`Cannot import file of type ${dot < 0 ? fileName : fileName.slice(dot)}`);
}
