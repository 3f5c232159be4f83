// Preloaded into the built app (NODE_OPTIONS=--import) by the start-up test:
// writes `module-loaded <package>` on stderr for every package the app
// imports (ESM, through a resolve hook) or requires (CommonJS).
import Module, { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

function packageOf(url) {
  return /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
}

if (isMainThread) {
  register(import.meta.url);
  const require = Module.prototype.require;
  Module.prototype.require = function (id) {
    const name = packageOf(Module._resolveFilename(id, this));
    if (name) process.stderr.write(`module-loaded ${name}\n`);
    return require.call(this, id);
  };
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const name = packageOf(resolved.url);
  if (name) process.stderr.write(`module-loaded ${name}\n`);
  return resolved;
}
