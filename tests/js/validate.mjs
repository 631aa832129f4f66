// Validate payloads against the exported sp4n JSON Schemas with ajv (draft 2020-12) and
// ajv-formats, as a JavaScript integrator would (ADR 0003, issue #16).
//
// Usage: node tests/js/validate.mjs NODE_MODULES_DIR SCHEMA_DIR PAYLOADS_JSONL
//   NODE_MODULES_DIR  folder holding ajv and ajv-formats (installed by .ci/run)
//   SCHEMA_DIR        folder with <model>.schema.json files (`sp4n schema --all --out`)
//   PAYLOADS_JSONL    one {"schema": "<model>", "payload": {...}} object per line
// Prints one JSON object: {"ajv": version, "checked": n, "results": [{"valid": bool,
// "errors": [...]}, ...]} in the order of the input lines. Exit 0 when it ran, 2 on
// bad usage; refusals are data, not failures: the Python side judges the contract.
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const [modules, schemaDir, payloadFile] = process.argv.slice(2);
if (!modules || !schemaDir || !payloadFile) {
  process.stderr.write("usage: validate.mjs NODE_MODULES_DIR SCHEMA_DIR PAYLOADS_JSONL\n");
  process.exit(2);
}
const require = createRequire(join(resolve(modules), "noop.js"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const ajvVersion = require("ajv/package.json").version;

// The integrator's configuration: strict mode (ajv's default), all errors, every format.
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

const validators = {};
for (const file of readdirSync(schemaDir)) {
  const match = /^(.*)\.schema\.json$/.exec(file);
  if (match) {
    validators[match[1]] = ajv.compile(JSON.parse(readFileSync(join(schemaDir, file), "utf8")));
  }
}

const results = [];
for (const line of readFileSync(payloadFile, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const { schema, payload } = JSON.parse(line);
  const validate = validators[schema];
  if (!validate) {
    process.stderr.write(`unknown schema ${schema}\n`);
    process.exit(2);
  }
  const valid = validate(payload);
  const errors = valid
    ? []
    : validate.errors.map((e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message}`);
  results.push({ valid, errors });
}
process.stdout.write(JSON.stringify({ ajv: ajvVersion, checked: results.length, results }) + "\n");
