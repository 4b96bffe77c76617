/**
 * The real bot for bench/load.ts: src/index.ts unchanged (config from the environment, storage,
 * routes, outbox dispatcher, restify), plus a memory probe on the IPC channel of `fork()`: the
 * load driver sends 'memory' and gets process.memoryUsage() back, after a full GC when the
 * process runs with --expose-gc.
 */
import './memoryProbe';
import '../src/index';
