// Preloaded into the test LRS (node --import): its server.js calls app.listen(port) on every
// interface; this makes it listen on 127.0.0.1 only, so nothing outside the machine can reach it.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};
