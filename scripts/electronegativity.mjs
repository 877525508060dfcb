#!/usr/bin/env node
// Security scan of the Electron sources (src/: main, preload, renderer; .ts/.tsx/.js/.html) with Doyensec's
// electronegativity, plus one rule of ours it cannot express. Exits 1 on any HIGH or MEDIUM finding, on any
// file the tool failed to parse or check, and on source it cannot scan. Never touches the network and never
// depends on particular file names.
//
// Why the tool's API and not its CLI: with `-o report.csv` the CLI drops parse and check errors without a
// word (a file it cannot parse is simply not scanned, and the run still exits 0), and it writes the CSV
// header and rows with two unordered async writes, so the header can overwrite the first finding. The API
// (`dist/runner.js`, what the CLI calls) returns the same issue records the CSV is made from, plus errors.
//
// Usage: node scripts/electronegativity.mjs [dir …]   (default: src)
import fs from 'node:fs'
import { createRequire, Module } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const inputs = (process.argv.length > 2 ? process.argv.slice(2) : ['src']).map(p => path.resolve(root, p))

/**
 * Checks we do not run: exact class names (the tool exits on an unknown one), each with its reason.
 * Add one only when the check cannot judge our setup (e.g. it cannot see a setting applied by a helper);
 * a single reviewed line is better silenced in place: `// eng-disable CHECK_ID -- reason`.
 */
const EXCLUDED_CHECKS = {
  AvailableSecurityFixesGlobalCheck:
    "downloads Electron's release list from GitHub; CI is offline (Electron is pinned in package.json)",
  PreloadJSCheck:
    'flags every preload as MEDIUM "review"; ours is required by design and built from the contract (named calls only, no raw ipcRenderer)',
}

/**
 * Ours: every nodeIntegration* option is the literal `false`. The tool rates `nodeIntegration: true` as
 * INFORMATIONAL, and drops it altogether when the same object says `sandbox: true`, so flipping it in a
 * sandboxed window would pass unseen. Matches keys and assignments in .ts/.tsx/.js, outside line comments.
 */
const NODE_INTEGRATION_RULE = {
  id: 'ZF_NODE_INTEGRATION_FALSE',
  pattern: /(?:^|[\s{,'".])(nodeIntegration(?:InWorker|InSubFrames)?)['"]?\s*(?::|=(?!=))\s*(?!false\b)([^,;}\s][^,;}]*)/,
  description: 'nodeIntegration, nodeIntegrationInWorker and nodeIntegrationInSubFrames must be the literal false',
}

const FAILING = new Set(['HIGH', 'MEDIUM'])
const SCANNED_EXT = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']) // the tool's own list (util/file.js)
const UNSCANNABLE_EXT = new Set(['.mjs', '.cjs', '.mts', '.cts']) // code the tool silently skips

const require = createRequire(import.meta.url)
const toolPkgPath = require.resolve('@doyensec/electronegativity/package.json')
const toolVersion = require(toolPkgPath).version

blockToolNetwork()
const run = require('@doyensec/electronegativity') // dist/runner.js

const electronVersion = detectElectronVersion()
const problems = [] // reasons to fail other than findings
const files = inputs.flatMap(dir => listFiles(dir))
const scanned = files.filter(f => SCANNED_EXT.has(path.extname(f).toLowerCase()))
for (const f of files.filter(f => UNSCANNABLE_EXT.has(path.extname(f).toLowerCase()))) {
  problems.push(`${rel(f)}: electronegativity does not scan ${path.extname(f)} files; use .ts/.js`)
}
if (scanned.length === 0) problems.push(`no .ts/.tsx/.js/.html files under ${inputs.map(rel).join(', ')}`)
const disables = findInlineDisables(scanned)
const ownFindings = findNodeIntegration(scanned)

const issues = []
const errors = []
let checkCount = ''
for (const input of inputs) {
  const result = await runQuietly(input)
  issues.push(...result.issues)
  errors.push(...result.errors)
  checkCount = `${result.atomicChecks} atomic + ${result.globalChecks} global checks`
}

// ---- report -------------------------------------------------------------------------------------------
console.log(
  `electronegativity ${toolVersion} · Electron ${electronVersion} · ${scanned.length} files under ` +
    `${inputs.map(rel).join(', ')} · ${checkCount}`,
)
for (const [name, reason] of Object.entries(EXCLUDED_CHECKS)) console.log(`  excluded ${name}: ${reason}`)
for (const d of disables) console.log(`  silenced in code: ${d.where}: ${d.text}`)

for (const e of errors) {
  if (e.tolerable) console.log(`  warning: ${rel(e.file)}: ${e.message}`)
  else problems.push(`${rel(e.file)}: not checked, the tool failed on it: ${e.message}`)
}
for (const d of disables.filter(d => d.problem)) problems.push(`${d.where}: ${d.problem}`)

const rows = issues
  .map(i => ({
    severity: i.severity.name,
    confidence: i.confidence.name + (i.manualReview ? ' (review)' : ''),
    check: i.id,
    where: i.file === 'N/A' ? '(whole app)' : `${rel(i.file)}:${i.location.line}:${i.location.column}`,
    description: i.description,
    sample: i.sample && i.sample !== 'N/A' ? i.sample : '',
  }))
  .concat(ownFindings)
  .sort((a, b) => rank(b.severity) - rank(a.severity) || a.where.localeCompare(b.where) || a.check.localeCompare(b.check))

if (rows.length === 0) {
  console.log('\nNo findings.')
} else {
  console.log()
  printTable(rows, [
    ['SEVERITY', 'severity'],
    ['CONFIDENCE', 'confidence'],
    ['CHECK', 'check'],
    ['WHERE', 'where'],
    ['DESCRIPTION', 'description'],
  ])
  console.log('\nDetails: https://github.com/doyensec/electronegativity/wiki/<CHECK>')
}

const failing = rows.filter(r => FAILING.has(r.severity))
const counts = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].map(s => `${rows.filter(r => r.severity === s).length} ${s}`)
console.log(`\n${rows.length} finding(s): ${counts.join(', ')}`)
for (const p of problems) console.log(`ERROR ${p}`)
if (failing.length > 0 || problems.length > 0) {
  console.log(
    `electronegativity: FAILED (${failing.length} HIGH/MEDIUM finding(s), ${problems.length} scan error(s))`,
  )
  process.exit(1)
}
console.log('electronegativity: passed (no HIGH or MEDIUM findings)')

// ---- helpers ------------------------------------------------------------------------------------------

/** Runs one scan through the tool's API, holding back its own console chatter (shown only on failure). */
async function runQuietly(input) {
  const chatter = []
  const saved = { log: console.log, info: console.info, warn: console.warn }
  console.log = console.info = console.warn = (...args) => chatter.push(args.join(' '))
  try {
    return await run(
      {
        input,
        customScan: [],
        excludeFromScan: Object.keys(EXCLUDED_CHECKS).map(n => n.toLowerCase()),
        isRelative: false,
        isVerbose: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    )
  } catch (error) {
    Object.assign(console, saved)
    for (const line of chatter) console.log(`  electronegativity: ${line}`)
    throw error
  } finally {
    Object.assign(console, saved)
  }
}

/**
 * The tool uses `got` for two downloads: translations at startup (1 s timeout, then English) and the
 * release list of the excluded AvailableSecurityFixesGlobalCheck. Answer both with "offline" so a scan is
 * the same with or without a network and sends nothing anywhere.
 */
function blockToolNetwork() {
  const gotPath = createRequire(toolPkgPath).resolve('got')
  const refuse = () => Promise.reject(new Error('network disabled by scripts/electronegativity.mjs'))
  const stub = new Module(gotPath)
  stub.filename = gotPath
  stub.exports = Object.assign(refuse, { head: refuse, get: refuse })
  stub.loaded = true
  require.cache[gotPath] = stub
}

/** The Electron the checks assume (its defaults differ by version); from the install, else package.json. */
function detectElectronVersion() {
  try {
    return require('electron/package.json').version
  } catch {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
    const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron
    const version = /\d+\.\d+\.\d+/.exec(range ?? '')?.[0]
    if (!version) throw new Error('cannot tell the Electron version: no node_modules/electron, none in package.json')
    return version
  }
}

function listFiles(dir) {
  if (!fs.existsSync(dir)) {
    problems.push(`${rel(dir)} does not exist`)
    return []
  }
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.join(e.parentPath ?? e.path, e.name))
    .filter(f => !f.split(path.sep).includes('node_modules'))
    .sort()
}

/**
 * `eng-disable` comments silence the tool, and it drops what they silence without a trace; list every one.
 * On a file's first line the tool applies it to the whole file: refused. In code it must give a reason
 * after ` -- ` (the tool reads check names up to the first `-`, so the reason is not taken for one).
 */
function findInlineDisables(list) {
  const found = []
  for (const file of list) {
    const html = /\.html?$/i.test(file)
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = /(?:\/\*|\/\/|<!--)[ \t]*eng-disable\b(.*)/i.exec(line)
        if (!m) return
        const where = `${rel(file)}:${i + 1}`
        let problem
        if (i === 0) problem = 'eng-disable on the first line silences the check for the whole file'
        else if (!html && !/\s--\s*\S/.test(m[1])) problem = 'eng-disable without a reason (`// eng-disable CHECK_ID -- why`)'
        found.push({ where, text: m[0].trim(), problem })
      })
  }
  return found
}

/** NODE_INTEGRATION_RULE over the scanned script files, as table rows. */
function findNodeIntegration(list) {
  const rows = []
  for (const file of list.filter(f => !/\.html?$/i.test(f))) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return
        const m = NODE_INTEGRATION_RULE.pattern.exec(line)
        if (!m) return
        rows.push({
          severity: 'HIGH',
          confidence: 'FIRM',
          check: `${NODE_INTEGRATION_RULE.id} (ours)`,
          where: `${rel(file)}:${i + 1}:${line.indexOf(m[1], m.index)}`,
          description: `${NODE_INTEGRATION_RULE.description}; found ${m[1]}: ${m[2].trim()}`,
          sample: line.trim(),
        })
      })
  }
  return rows
}

function rank(severity) {
  return ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'].indexOf(severity)
}

function rel(file) {
  return path.relative(root, file) || '.'
}

function printTable(list, columns) {
  const widths = columns.map(([title, key], c) =>
    c === columns.length - 1 ? 0 : Math.max(title.length, ...list.map(r => r[key].length)),
  )
  const line = cells => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()
  console.log(line(columns.map(([title]) => title)))
  console.log(line(columns.map(([title], c) => '-'.repeat(widths[c] || title.length))))
  const indent = widths.slice(0, -1).reduce((sum, w) => sum + w + 2, 0)
  for (const r of list) {
    console.log(line(columns.map(([, key]) => r[key])))
    if (r.sample) console.log(`${' '.repeat(indent)}> ${r.sample}`)
  }
}
