// The yardstick: a bare Bun.serve answering the same JSON bodies kestra-lite would, with no
// routing, storage or auth. kestra-lite's throughput is reported as a ratio to this.
const bodies: Record<string, string> = JSON.parse(process.env.BARE_BODIES ?? '{}');
const server = Bun.serve({
  port: Number(process.env.BARE_PORT ?? 0),
  hostname: '127.0.0.1',
  fetch(req) {
    const path = new URL(req.url).pathname;
    const body = bodies[path];
    return body === undefined ? new Response('{"message":"Not Found"}', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/json' } });
  },
});
process.stdout.write(`${server.port}\n`);
