#!/usr/bin/env node
// Compiles contracts/src/main/solidity with the pinned solc (npm "solc" 0.8.37, see package-lock.json)
// into contracts/artifacts/<Name>.abi (pretty JSON, keys sorted) and <Name>.bin (creation bytecode,
// hex without 0x, newline at the end), and prints each contract's deployed bytecode size.
//
//   node contracts/scripts/compile.js           writes the artifacts
//   node contracts/scripts/compile.js --check   compiles in memory; exits 1 with one line naming the
//                                               first artifact that differs from the committed one
//
// Output is deterministic: fixed compiler, sorted sources, no metadata hash and no CBOR trailer, so a
// fresh compile reproduces the committed artifacts byte for byte (a test runs --check).
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const SOLC_VERSION = '0.8.37';
const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src', 'main', 'solidity');
const OUT = path.join(ROOT, 'artifacts');
const CONTRACTS = ['MarginProtocol', 'MockAggregator', 'TestToken', 'EventedAggregator', 'PhasedAggregatorProxy', 'RoundBatchReader', 'SolvencyRegistry'];
const EIP170_LIMIT = 24576;

function fail(message) {
  console.error('compile.js: ' + message);
  process.exit(1);
}

/** Every .sol file under dir, keyed by its path relative to SRC (the import root), in sorted order. */
function sources(dir, prefix = '') {
  const found = {};
  const entries = fs.readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) Object.assign(found, sources(path.join(dir, entry.name), rel + '/'));
    else if (entry.name.endsWith('.sol')) found[rel] = { content: fs.readFileSync(path.join(dir, entry.name), 'utf8') };
  }
  return found;
}

/** A copy of a JSON value with every object's keys sorted: a stable text whatever order solc emits. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

function compile() {
  if (!solc.version().startsWith(SOLC_VERSION + '+')) {
    fail(`solc ${solc.version()} found, ${SOLC_VERSION} required (run: npm ci)`);
  }
  const input = {
    language: 'Solidity',
    sources: sources(SRC),
    settings: {
      evmVersion: 'cancun',
      viaIR: true,
      optimizer: { enabled: true, runs: 200 },
      metadata: { bytecodeHash: 'none', appendCBOR: false },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  let output;
  try {
    output = JSON.parse(solc.compile(JSON.stringify(input)));
  } catch (e) {
    fail('solc ' + solc.version() + ' crashed: ' + e.message);
  }
  const diagnostics = output.errors || [];
  for (const d of diagnostics) {
    if (d.severity !== 'error') console.error(d.formattedMessage.trimEnd()); // warnings: shown, not fatal
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const e of errors) console.error(e.formattedMessage.trimEnd());
    fail(`solc ${solc.version()} failed with ${errors.length} error(s)`);
  }
  const artifacts = {};
  for (const [file, contracts] of Object.entries(output.contracts || {})) {
    for (const [name, c] of Object.entries(contracts)) {
      if (!CONTRACTS.includes(name)) continue;
      if (artifacts[name + '.abi']) fail(`contract ${name} is defined twice (${file})`);
      artifacts[name + '.abi'] = JSON.stringify(sortKeys(c.abi), null, 2) + '\n';
      artifacts[name + '.bin'] = c.evm.bytecode.object + '\n';
      const size = c.evm.deployedBytecode.object.length / 2;
      console.log(`${name} (${file}): deployed ${size} bytes (EIP-170 limit ${EIP170_LIMIT})`);
      if (size > EIP170_LIMIT) fail(`${name} does not fit EIP-170 (${size} > ${EIP170_LIMIT} bytes)`);
    }
  }
  for (const name of CONTRACTS) {
    if (!artifacts[name + '.abi']) fail('contract ' + name + ' not found in the sources');
  }
  // A fixed file order, so that "the first differing file" is always the same one.
  const ordered = {};
  for (const name of CONTRACTS) {
    ordered[name + '.abi'] = artifacts[name + '.abi'];
    ordered[name + '.bin'] = artifacts[name + '.bin'];
  }
  return ordered;
}

const artifacts = compile();
if (process.argv.includes('--check')) {
  for (const [file, content] of Object.entries(artifacts)) {
    const committed = path.join(OUT, file);
    if (!fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== content) {
      fail(`contracts/artifacts/${file} differs from a fresh compile (run: node contracts/scripts/compile.js)`);
    }
  }
  console.log('compile.js: committed artifacts match solc ' + solc.version());
} else {
  fs.mkdirSync(OUT, { recursive: true });
  for (const [file, content] of Object.entries(artifacts)) {
    const target = path.join(OUT, file);
    fs.writeFileSync(target + '.tmp', content);
    fs.renameSync(target + '.tmp', target); // atomic: never a half-written artifact
  }
  console.log('compile.js: wrote ' + Object.keys(artifacts).length + ' artifacts to contracts/artifacts');
}
