// Runs built Actions and custom-database scripts on whatever Node runs this file (the tests start it with
// the Node 22 binary in tools/node22), the way Auth0 loads them, and prints what happened as JSON.
// Plain CommonJS on purpose: no TypeScript, no test kit, nothing from this repository but the built files.
//
//   node node22-runner.cjs <spec.json> <out.json>   (stdout is left to the artifacts' own console output)
//   spec: { projectRoot, cases: [
//     { id, kind: "action", file, dependencies: ["axios"], handler: "onExecutePostLogin", event },
//     { id, kind: "script", file, args: [...], configuration: {...} } ] }
//   out:  { node: "v22...", results: [{ id, calls: [{ call: "multifactor.enable", args }] } |
//                                     { id, callback: { error: { name, message } | null, results } } |
//                                     { id, failure: "..." }] }
'use strict';
const fs = require('node:fs');
const { createRequire, isBuiltin } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

function packageName(id) {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Auth0's module wrapper; `require` reaches built-ins and declared dependencies only. */
function loadAction(file, dependencies, projectRoot) {
  const projectRequire = createRequire(path.join(projectRoot, 'package.json'));
  const sandboxRequire = (id) => {
    // `declared/../x` names a declared package but resolves beside it: refused, as scripts/action-api/module-wrapper.ts does.
    const climbs = id.split('/').some((segment) => segment === '.' || segment === '..');
    if (isBuiltin(id) || (!climbs && dependencies.includes(packageName(id)))) return projectRequire(id);
    throw new Error(`Cannot find module '${id}' (not a declared dependency of this Action)`);
  };
  const wrapper = vm.compileFunction(
    fs.readFileSync(file, 'utf8'),
    ['module', 'exports', 'console', 'require'],
    {
      filename: file,
    },
  );
  const module = { exports: {} };
  wrapper(module, module.exports, console, sandboxRequire);
  return module.exports;
}

/** An `api` that records every method call by its path (`api.access.deny(...)` -> "access.deny"). */
function recordingApi(calls) {
  let root;
  const node = (prefix) =>
    new Proxy(() => {}, {
      get: (_target, property) =>
        typeof property === 'symbol' || property === 'then'
          ? undefined
          : node(prefix ? `${prefix}.${property}` : property),
      apply: (_target, _self, args) => {
        calls.push({ call: prefix, args });
        return root;
      },
    });
  root = node('');
  return root;
}

class WrongUsernameOrPasswordError extends Error {
  constructor(emailOrUserId, message) {
    super(message || 'Wrong email or password.');
    this.name = 'WrongUsernameOrPasswordError';
    this.emailOrUserId = emailOrUserId;
  }
}
class ValidationError extends Error {
  constructor(code, message) {
    super(message || code);
    this.name = 'ValidationError';
    this.code = code;
  }
}
class UnauthorizedError extends Error {
  constructor(message) {
    super(message || 'Unauthorized.');
    this.name = 'UnauthorizedError';
  }
}

/** The single function declaration, evaluated with Auth0's custom-database globals in scope. */
function runScript(file, args, configuration) {
  const source = fs.readFileSync(file, 'utf8');
  const name = /^function\s+([A-Za-z_$][\w$]*)\s*\(/.exec(source)[1];
  const globals = {
    configuration,
    WrongUsernameOrPasswordError,
    ValidationError,
    UnauthorizedError,
    require,
  };
  const script = new Function(...Object.keys(globals), `${source}\nreturn ${name};`)(
    ...Object.values(globals),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the callback was not called within 5 s')), 5000);
    script(...args, (error, ...results) => {
      clearTimeout(timer);
      resolve({ error: error ? { name: error.name, message: error.message } : null, results });
    });
  });
}

async function runCase(spec, projectRoot) {
  try {
    if (spec.kind === 'script') {
      return { id: spec.id, callback: await runScript(spec.file, spec.args, spec.configuration) };
    }
    const exports = loadAction(spec.file, spec.dependencies, projectRoot);
    const calls = [];
    await exports[spec.handler](spec.event, recordingApi(calls));
    return { id: spec.id, calls };
  } catch (error) {
    return { id: spec.id, failure: error?.stack ? error.stack : String(error) };
  }
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const results = [];
  for (const item of spec.cases) results.push(await runCase(item, spec.projectRoot));
  fs.writeFileSync(process.argv[3], JSON.stringify({ node: process.version, results }));
}

main();
