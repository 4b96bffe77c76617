// Preloaded (`node -r`) into the Microsoft 365 Agents Playground, which listens on every
// interface and whose bundled telemetry SDK calls out to Azure even with --disable-telemetry.
// 1. A server that listens without a host is bound to 127.0.0.1 instead of all interfaces.
// 2. An outbound TCP connection to anything but loopback fails at once (ECONNREFUSED).
'use strict';
const net = require('node:net');

const loopbackHost = (host) =>
  host === undefined || host === null || host === '' || host === 'localhost' || host === '::1' ||
  /^127\./.test(host) || host === '::ffff:127.0.0.1';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(...args) {
  const first = args[0];
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && !Array.isArray(first) && first.port !== undefined && !first.host && !first.path) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(...args) {
  const options = args[0] && typeof args[0] === 'object' && !Array.isArray(args[0]) ? args[0] : undefined;
  const viaPipe = options ? Boolean(options.path) : typeof args[0] === 'string' && !/^\d+$/.test(args[0]);
  const host = options ? options.host : typeof args[1] === 'string' ? args[1] : undefined;
  if (!viaPipe && !loopbackHost(host)) {
    const error = Object.assign(new Error(`loopback-only: refused a connection to ${host}`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};
