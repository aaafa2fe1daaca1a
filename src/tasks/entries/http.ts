// Task entries: HTTP (http.Download is validated but not run here). The connection properties
// are shared with the http.Trigger entry (plugins/defs/triggers.ts).
import { Type, type TProperties } from '@sinclair/typebox';
import { str, bool, duration, map, enumOf } from '../schema.ts';
import { defineTask, type TaskEntry } from '../entry.ts';
import { httpRequestTask } from '../core/http-request.ts';

export const fsHttp = (name: string) => `io.kestra.plugin.fs.http.${name}`;

/** Connection options; kept open (additional properties allowed) as the set grew across versions. */
const options = () => Type.Object({
  connectTimeout: Type.Optional(duration()), readTimeout: Type.Optional(duration({ default: 'PT10S' })),
  readIdleTimeout: Type.Optional(duration()), connectionPoolIdleTimeout: Type.Optional(duration()),
  maxContentLength: Type.Optional(Type.Integer({ $dynamic: true })), proxyType: Type.Optional(str()),
  proxyAddress: Type.Optional(str()), proxyPort: Type.Optional(Type.Integer({ $dynamic: true })),
  proxyUsername: Type.Optional(str()), proxyPassword: Type.Optional(str()), defaultCharset: Type.Optional(str()),
  followRedirects: Type.Optional(bool()), logLevel: Type.Optional(str()), basicAuthUser: Type.Optional(str()),
  basicAuthPassword: Type.Optional(str()),
}, { additionalProperties: true });

export const httpCommon = (): TProperties => ({
  uri: str(),
  method: enumOf(['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT', 'PATCH', 'CUSTOM'], { default: 'GET' }),
  body: str(),
  formData: map(),
  contentType: str(),
  headers: map(),
  options: options(),
  sslOptions: Type.Object({ insecureTrustAllCertificates: Type.Optional(bool()) }, { additionalProperties: true }),
  auth: Type.Object({ type: Type.String() }, { additionalProperties: true }),
  encryptBody: bool({ default: false }),
});

export const httpTasks: TaskEntry[] = [
  defineTask({
    type: 'http.Request', run: httpRequestTask, title: 'Sends an HTTP request and returns the response',
    aliases: [fsHttp('Request')], required: ['uri'],
    props: { ...httpCommon(), allowFailed: bool({ default: false }), failOnEmptyResponse: bool({ default: false }) },
  }),
  defineTask({
    type: 'http.Download', title: 'Downloads a URL into internal storage',
    aliases: [fsHttp('Download')], required: ['uri'],
    props: { ...httpCommon(), allowFailed: bool({ default: false }), failOnEmptyResponse: bool({ default: true }), saveAs: str() },
  }),
];
