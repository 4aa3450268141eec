#!/usr/bin/env node
// Compiles contracts/src/main/solidity with the pinned solc (npm "solc", see package-lock.json) into
// contracts/artifacts/<Name>.abi and <Name>.bin. With --check, compiles in memory and exits 1 if the
// committed artifacts differ (CI runs this through a test). Output is deterministic: no metadata hash.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src', 'main', 'solidity');
const OUT = path.join(ROOT, 'artifacts');
const CONTRACTS = ['MarginProtocol', 'MockAggregator', 'TestToken'];
const EIP170_LIMIT = 24576;

function sources(dir, prefix = '') {
  const found = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) Object.assign(found, sources(path.join(dir, entry.name), rel + '/'));
    else if (entry.name.endsWith('.sol')) found[rel] = { content: fs.readFileSync(path.join(dir, entry.name), 'utf8') };
  }
  return found;
}

function compile() {
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
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    for (const e of errors) console.error(e.formattedMessage);
    console.error('compile.js: solc ' + solc.version() + ' failed');
    process.exit(1);
  }
  const artifacts = {};
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [name, c] of Object.entries(contracts)) {
      if (!CONTRACTS.includes(name)) continue;
      artifacts[name + '.abi'] = JSON.stringify(c.abi, null, 2) + '\n';
      artifacts[name + '.bin'] = c.evm.bytecode.object + '\n';
      const size = c.evm.deployedBytecode.object.length / 2;
      console.log(`${name} (${file}): deployed ${size} bytes${size > EIP170_LIMIT ? ' — ABOVE the EIP-170 limit' : ''}`);
    }
  }
  for (const name of CONTRACTS) {
    if (!artifacts[name + '.abi']) {
      console.error('compile.js: contract ' + name + ' not found in the sources');
      process.exit(1);
    }
  }
  return artifacts;
}

const artifacts = compile();
if (process.argv.includes('--check')) {
  for (const [file, content] of Object.entries(artifacts)) {
    const committed = path.join(OUT, file);
    if (!fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== content) {
      console.error(`compile.js: contracts/artifacts/${file} differs from a fresh compile (run: node contracts/scripts/compile.js)`);
      process.exit(1);
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
